using Akka.Configuration;
using Akka.Hosting;

namespace KuaSheng.Actors.Serialization;

/// <summary>Wires <see cref="KuaShengSerializer"/> into an actor system.</summary>
public static class KuaShengSerialization
{
    /// <summary>
    /// Registers <see cref="KuaShengSerializer"/> (id 1701) for <see cref="IKuaShengMessage"/>,
    /// <see cref="Domain.Cases.CaseEvent"/> and <see cref="Domain.Cases.CaseCommand"/>, and turns on strict
    /// serialization (<c>akka.actor.serialization-settings.allow-unregistered-types = off</c>): a type with no
    /// serializer binding throws instead of falling back to Akka's default Newtonsoft JSON serializer.
    /// </summary>
    public static AkkaConfigurationBuilder WithKuaShengSerialization(this AkkaConfigurationBuilder builder) =>
        builder
            .WithCustomSerializer(KuaShengSerializer.Name, ManifestRegistry.BoundRoots, system => new KuaShengSerializer(system))
            .WithStrictSerialization(enabled: true);

    /// <summary>The same wiring as HOCON, for systems built without Akka.Hosting (tests, tools).</summary>
    public static Config Hocon { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers {
            {{KuaShengSerializer.Name}} = "{{Qualified(typeof(KuaShengSerializer))}}"
          }
          serialization-bindings {
            {{string.Join("\n    ", ManifestRegistry.BoundRoots.Select(t => $"\"{Qualified(t)}\" = {KuaShengSerializer.Name}"))}}
          }
          serialization-identifiers {
            "{{Qualified(typeof(KuaShengSerializer))}}" = {{KuaShengSerializer.Id}}
          }
          serialization-settings.allow-unregistered-types = off
        }
        """);

    private static string Qualified(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
