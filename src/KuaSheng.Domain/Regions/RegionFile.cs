using System.Text.Json;

namespace KuaSheng.Domain.Regions;

/// <summary>Reads regions.json: <c>{"source", "provinces": {code: name}, "cities", "counties",
/// "qijiangTowns": [{"code", "kind": "street" | "town", "name"}]}</c>.</summary>
internal static class RegionFile
{
    public const string ResourceName = "KuaSheng.Domain.Data.regions.json";

    public static RegionDirectory ReadEmbedded()
    {
        using var stream = typeof(RegionFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        return new RegionDirectory(
            root.GetProperty("source").GetString() ?? "",
            Names(root.GetProperty("provinces")),
            Names(root.GetProperty("cities")),
            Names(root.GetProperty("counties")),
            root.GetProperty("qijiangTowns").EnumerateArray().Select(ReadTown).ToArray());
    }

    private static Dictionary<string, string> Names(JsonElement map) =>
        map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    private static Town ReadTown(JsonElement t) => new(
        t.GetProperty("code").GetString()!,
        t.GetProperty("name").GetString()!,
        t.GetProperty("kind").GetString() switch
        {
            "street" => TownKind.Street,
            "town" => TownKind.Town,
            var other => throw new InvalidOperationException($"regions.json: unknown town kind \"{other}\""),
        });
}
