using System.Text.Json;

namespace KuaSheng.Domain.Catalogue.Source;

/// <summary>
/// The attachment's 140 items as extracted by ops/data/catalogue-from-seed.py into the embedded
/// Data/catalogue.json. Re-run that script when the seed changes; never edit the JSON by hand.
/// </summary>
public static class CatalogueSource
{
    internal const string ResourceName = "KuaSheng.Domain.Data.catalogue.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A missing field in the JSON is a broken extraction, not a default value.
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    // Parsed once on first use; the lazy is thread-safe by default (ExecutionAndPublication).
    private static readonly Lazy<IReadOnlyList<SourceItem>> Items = new(Load);

    /// <summary>The 140 items in (batch, seq) order.</summary>
    public static IReadOnlyList<SourceItem> LoadEmbedded() => Items.Value;

    private static IReadOnlyList<SourceItem> Load()
    {
        var assembly = typeof(CatalogueSource).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        var file = JsonSerializer.Deserialize<SourceFile>(stream, Options)
            ?? throw new InvalidDataException($"{ResourceName} is empty.");
        // Copy into arrays wrapped read-only so callers cannot cast back and mutate the cache.
        return file.Items.Select(Freeze).ToArray().AsReadOnly();
    }

    private static SourceItem Freeze(SourceItem i) => i with
    {
        CityCooperating = i.CityCooperating.ToArray().AsReadOnly(),
        DistrictUnits = i.DistrictUnits.ToArray().AsReadOnly(),
        Notes = i.Notes.ToArray().AsReadOnly(),
    };

    private sealed record SourceFile(string Source, IReadOnlyList<SourceItem> Items);
}
