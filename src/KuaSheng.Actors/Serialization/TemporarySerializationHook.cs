using Akka.Hosting;
namespace KuaSheng.Actors.Serialization;
// Placeholder until the serializer branch lands (merged in the next step); it is replaced by the real extension.
internal static class TemporarySerializationHook
{
    public static AkkaConfigurationBuilder WithKuaShengSerialization(this AkkaConfigurationBuilder builder) => builder;
}
