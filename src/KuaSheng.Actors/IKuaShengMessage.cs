namespace KuaSheng.Actors; public interface IKuaShengMessage { }
