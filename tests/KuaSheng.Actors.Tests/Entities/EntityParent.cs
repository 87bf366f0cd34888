using Akka.Actor;
using Akka.Cluster.Sharding;

namespace KuaSheng.Actors.Tests.Entities;

/// <summary>Stands in for a shard region in entity tests: one child per entity id, created on the first message,
/// stopped when it asks to passivate.</summary>
internal sealed class EntityParent : ReceiveActor
{
    public EntityParent(Func<object, string?> entityId, Func<string, Props> props)
    {
        Receive<Passivate>(p => Sender.Tell(p.StopMessage));
        ReceiveAny(message =>
        {
            var id = entityId(message);
            if (id is null)
            {
                Unhandled(message);
                return;
            }
            var child = Context.Child(id);
            if (child.IsNobody()) child = Context.ActorOf(props(id), id);
            child.Forward(message);
        });
    }

    public static Props Props(Func<object, string?> entityId, Func<string, Props> props) =>
        Akka.Actor.Props.Create(() => new EntityParent(entityId, props));
}
