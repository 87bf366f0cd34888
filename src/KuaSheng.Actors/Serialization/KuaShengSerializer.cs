using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace KuaSheng.Actors.Serialization;

/// <summary>
/// Serializer of every <see cref="IKuaShengMessage"/>, <see cref="Domain.Cases.CaseEvent"/> and
/// <see cref="Domain.Cases.CaseCommand"/>: System.Text.Json (format <see cref="KuaShengJson.FormatVersion"/>) with the
/// frozen manifests of <see cref="ManifestRegistry"/>.
/// </summary>
public sealed class KuaShengSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 1701;

    /// <summary>The name the serializer is registered under in <c>akka.actor.serializers</c>.</summary>
    public const string Name = "kuasheng";

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        KuaShengJson.ByType.TryGetValue(o.GetType(), out var entry)
            ? entry.Manifest
            : throw Unregistered(o.GetType());

    public override byte[] ToBinary(object obj)
    {
        if (!KuaShengJson.ByType.TryGetValue(obj.GetType(), out var entry)) throw Unregistered(obj.GetType());
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(obj, entry.Info);
        }
        catch (JsonException e)
        {
            throw new SerializationException($"Manifest '{entry.Manifest}' ({obj.GetType().Name}): cannot write it: {e.Message}", e);
        }
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!KuaShengJson.TypeInfoByManifest.TryGetValue(manifest, out var info))
            throw new SerializationException(
                $"Unknown manifest '{manifest}' for {nameof(KuaShengSerializer)} (id {Id}): no type is registered under it in " +
                $"{nameof(ManifestRegistry)}. The bytes were written by a newer node, or a manifest was removed (manifests are frozen: never remove one).");
        try
        {
            return JsonSerializer.Deserialize(bytes, info)
                ?? throw new SerializationException($"Manifest '{manifest}' ({info.Type.Name}): the payload is JSON null.");
        }
        catch (JsonException e)
        {
            throw new SerializationException($"Manifest '{manifest}' ({info.Type.Name}): cannot read the payload: {e.Message}", e);
        }
    }

    private static SerializationException Unregistered(Type type) =>
        new($"{type.FullName} has no manifest in {nameof(ManifestRegistry)}: add one line there (a new short frozen manifest) " +
            "and a sample in the serialization tests.");
}
