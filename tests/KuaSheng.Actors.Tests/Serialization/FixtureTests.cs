using System.Text;
using KuaSheng.Actors.Serialization;
using static KuaSheng.Actors.Tests.Serialization.SerializationSupport;

namespace KuaSheng.Actors.Tests.Serialization;

/// <summary>
/// <c>Fixtures/serialized/v1/&lt;manifest&gt;.json</c> hold the exact bytes format v1 wrote for each sample: what old
/// journals and snapshots contain. They are never rewritten. Each must still deserialize to its sample: every member
/// the fixture holds comes back with the same value (members added since, as optional, may have any value).
/// </summary>
public class FixtureTests
{
    public static TheoryData<string> Manifests => AllManifests();

    public static TheoryData<string> FixtureFiles()
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(FixturesInOutput))
            foreach (var file in Directory.GetFiles(FixturesInOutput, "*.json").Order(StringComparer.Ordinal))
                data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Every_registered_type_has_a_v1_fixture(string manifest) =>
        Assert.True(File.Exists(Path.Combine(FixturesInOutput, manifest + ".json")),
            $"No fixture for '{manifest}'. Run once with KUASHENG_WRITE_FIXTURES=1 (it writes missing fixtures only), then commit " +
            $"tests/KuaSheng.Actors.Tests/{FixtureFolder}/{manifest}.json.");

    [Fact]
    public void There_are_fixtures() => Assert.True(FixtureFiles().Count >= ManifestRegistry.Entries.Count);

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Every_fixture_still_deserializes_to_its_sample(string manifest)
    {
        Assert.True(ManifestRegistry.TypeByManifest.TryGetValue(manifest, out var type),
            $"Fixture '{manifest}.json' has no manifest in ManifestRegistry any more: old journals hold it. Never remove or rename a manifest.");
        var bytes = File.ReadAllBytes(Path.Combine(FixturesInOutput, manifest + ".json"));
        var fixtureJson = Encoding.UTF8.GetString(bytes);

        var read = Serializer.FromBinary(bytes, manifest);

        Assert.IsType(type, read);
        // What was read holds everything the fixture holds…
        Assert.Null(FirstDifference(fixtureJson, Json(read)));
        // …and it is the sample (compared on the members v1 knew).
        Assert.Null(FirstDifference(fixtureJson, Json(MessageSamples.For(type))));
    }

    [Fact]
    public void The_comparison_sees_a_changed_or_missing_member()
    {
        Assert.Null(FirstDifference("""{"a":1,"b":[{"c":"x"}]}""", """{"b":[{"c":"x","d":null}],"a":1,"e":2}"""));
        Assert.NotNull(FirstDifference("""{"a":1}""", """{"a":2}"""));
        Assert.NotNull(FirstDifference("""{"a":1}""", """{"A":1}"""));
        Assert.NotNull(FirstDifference("""{"a":[1,2]}""", """{"a":[1]}"""));
        Assert.NotNull(FirstDifference("""{"a":"Signed"}""", """{"a":4}"""));
        Assert.NotNull(FirstDifference("""{"a":null}""", """{"a":"x"}"""));
    }

    /// <summary>Writes the fixtures that do not exist yet, into the source tree. Never overwrites one.</summary>
    [Fact]
    public void Write_missing_fixtures_when_asked()
    {
        if (Environment.GetEnvironmentVariable("KUASHENG_WRITE_FIXTURES") != "1") return;
        var folder = FixturesInSource();
        Directory.CreateDirectory(folder);
        foreach (var (manifest, type) in ManifestRegistry.Entries)
        {
            var path = Path.Combine(folder, manifest + ".json");
            if (File.Exists(path)) continue;
            File.WriteAllBytes(path, Serializer.ToBinary(MessageSamples.For(type)));
        }
    }
}
