using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Serialization;

/// <summary>
/// The JSON format of journals, snapshots and the wire, format version 1. Every option is spelled out here (no
/// <see cref="JsonSerializerDefaults"/>), so the format only changes when this file changes. Built once; the options
/// and the per-type <see cref="JsonTypeInfo"/> are cached for the life of the process.
/// </summary>
public static class KuaShengJson
{
    /// <summary>The format version of the bytes these options write (fixtures live under <c>Fixtures/serialized/v1</c>).</summary>
    public const int FormatVersion = 1;

    /// <summary>The property that holds a polymorphic member's manifest, e.g. <c>{"$type":"ev.sub", ...}</c>.</summary>
    public const string TypeDiscriminator = "$type";

    /// <summary>Abstract types that may appear as members and are written with their manifest as discriminator.</summary>
    private static readonly Type[] PolymorphicBases = [typeof(CaseEvent), typeof(CaseCommand), typeof(IKuaShengMessage), typeof(Reference.ReferenceChange)];

    public static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>Manifest → the cached type info of its type.</summary>
    internal static readonly FrozenDictionary<string, JsonTypeInfo> TypeInfoByManifest =
        ManifestRegistry.TypeByManifest.ToFrozenDictionary(p => p.Key, p => Options.GetTypeInfo(p.Value), StringComparer.Ordinal);

    /// <summary>Type → (manifest, cached type info).</summary>
    internal static readonly FrozenDictionary<Type, (string Manifest, JsonTypeInfo Info)> ByType =
        ManifestRegistry.ManifestByType.ToFrozenDictionary(p => p.Key, p => (p.Value, TypeInfoByManifest[p.Value]));

    private static JsonSerializerOptions CreateOptions()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(DropComputedProperties);
        resolver.Modifiers.Add(AddPolymorphismFromRegistry);

        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = resolver,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,                           // dictionary keys (field names in Refusal.Errors) as given
            PropertyNameCaseInsensitive = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,   // nulls are written: a missing member is an error, not a null
            IgnoreReadOnlyFields = true,
            IncludeFields = false,
            NumberHandling = JsonNumberHandling.Strict,
            UnknownTypeHandling = JsonUnknownTypeHandling.JsonElement,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip, // a newer node's extra field does not break an older one
            PreferredObjectCreationHandling = JsonObjectCreationHandling.Replace,
            RespectNullableAnnotations = true,                    // null in a non-nullable member fails, both ways
            RespectRequiredConstructorParameters = true,          // a missing non-optional constructor parameter fails
            AllowOutOfOrderMetadataProperties = true,             // "$type" need not come first (hand-edited or re-ordered JSON)
            ReferenceHandler = null,
            MaxDepth = 64,
            WriteIndented = false,
            // Bytes go to a database or a socket, never into HTML: keep CJK text as UTF-8 instead of \uXXXX.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
        };
        // Enums by name, never by number: reordering an enum cannot corrupt a journal, and a number is refused.
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Getter-only members with no constructor parameter (CaseState.NeedsOriginals, Deadline.IsOpen…) are
    /// computed, not data: they are not written.</summary>
    private static void DropComputedProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var property = info.Properties[i];
            if (property.Set is null && property.AssociatedParameter is null)
                info.Properties.RemoveAt(i);
        }
    }

    /// <summary>A member declared as CaseEvent, CaseCommand or IKuaShengMessage is written with its manifest as
    /// <see cref="TypeDiscriminator"/> and read back by it; an unregistered runtime type fails.</summary>
    private static void AddPolymorphismFromRegistry(JsonTypeInfo info)
    {
        if (Array.IndexOf(PolymorphicBases, info.Type) < 0) return;
        var polymorphism = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = TypeDiscriminator,
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            IgnoreUnrecognizedTypeDiscriminators = false,
        };
        foreach (var (manifest, type) in ManifestRegistry.Entries)
            if (info.Type.IsAssignableFrom(type))
                polymorphism.DerivedTypes.Add(new JsonDerivedType(type, manifest));
        info.PolymorphismOptions = polymorphism;
    }
}
