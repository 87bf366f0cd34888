using System.Text;
using System.Text.Json;
using KuaSheng.Actors.Serialization;

namespace KuaSheng.Actors.Tests.Serialization;

internal static class SerializationSupport
{
    /// <summary>The serializer outside an actor system (it needs none: the system is only kept by Akka's base class).</summary>
    public static readonly KuaShengSerializer Serializer = new(null!);

    public static string Json(object o) => Encoding.UTF8.GetString(Serializer.ToBinary(o));

    public static object RoundTrip(object o) => Serializer.FromBinary(Serializer.ToBinary(o), Serializer.Manifest(o));

    public static TheoryData<string> AllManifests()
    {
        var data = new TheoryData<string>();
        foreach (var (manifest, _) in ManifestRegistry.Entries) data.Add(manifest);
        return data;
    }

    public const string FixtureFolder = "Fixtures/serialized/v1";

    /// <summary>The fixtures as copied next to the test assembly (what the tests read).</summary>
    public static string FixturesInOutput => Path.Combine(AppContext.BaseDirectory, FixtureFolder);

    /// <summary>The fixtures in the source tree (where the writer puts new ones).</summary>
    public static string FixturesInSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KuaSheng.Actors.Tests.csproj")))
                return Path.Combine(dir.FullName, FixtureFolder);
        throw new InvalidOperationException("KuaSheng.Actors.Tests.csproj not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Every member the <paramref name="expected"/> JSON holds is in <paramref name="actual"/> with the same value
    /// (recursively; arrays element by element, same length). Members only in <paramref name="actual"/> are allowed:
    /// they are optional members added after <paramref name="expected"/> was written. Returns the first difference.
    /// </summary>
    public static string? FirstDifference(JsonElement expected, JsonElement actual, string path = "$")
    {
        if (expected.ValueKind != actual.ValueKind)
            return $"{path}: expected {expected.ValueKind} {expected.GetRawText()}, got {actual.ValueKind} {actual.GetRawText()}";
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in expected.EnumerateObject())
                {
                    if (!actual.TryGetProperty(member.Name, out var other))
                        return $"{path}.{member.Name}: missing (renamed or removed?)";
                    if (FirstDifference(member.Value, other, $"{path}.{member.Name}") is { } d) return d;
                }
                return null;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                    return $"{path}: expected {expected.GetArrayLength()} elements, got {actual.GetArrayLength()}";
                var i = 0;
                foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
                    if (FirstDifference(e, a, $"{path}[{i++}]") is { } d) return d;
                return null;
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
            default:
                return expected.GetRawText() == actual.GetRawText() ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
        }
    }

    public static string? FirstDifference(string expectedJson, string actualJson)
    {
        using var expected = JsonDocument.Parse(expectedJson);
        using var actual = JsonDocument.Parse(actualJson);
        return FirstDifference(expected.RootElement, actual.RootElement);
    }
}
