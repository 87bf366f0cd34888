using System.Reflection;
using KuaSheng.Actors.Serialization;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Tests.Serialization;

public class ManifestRegistryTests
{
    private static readonly Assembly[] Scanned = [typeof(IKuaShengMessage).Assembly, typeof(CaseEvent).Assembly];

    /// <summary>Every concrete type that our serializer is bound to, found by reflection.</summary>
    public static IReadOnlyList<Type> SerializableTypes() =>
        Scanned.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false })
            .Where(t => ManifestRegistry.BoundRoots.Any(root => root.IsAssignableFrom(t)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Every_message_event_and_command_type_has_a_manifest()
    {
        var missing = SerializableTypes().Where(t => !ManifestRegistry.ManifestByType.ContainsKey(t)).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0,
            $"Types without a manifest (add a line to ManifestRegistry.Entries and a sample to MessageSamples):\n  {string.Join("\n  ", missing)}");
    }

    [Fact]
    public void The_scan_finds_the_known_families()
    {
        var types = SerializableTypes();
        Assert.Equal(27, types.Count(typeof(CaseEvent).IsAssignableFrom));
        Assert.Equal(19, types.Count(typeof(CaseCommand).IsAssignableFrom));
        Assert.True(types.Count(typeof(IKuaShengMessage).IsAssignableFrom) >= 23);
    }

    [Fact]
    public void Every_registered_type_is_found_by_the_scan_and_bound_to_our_serializer()
    {
        var scanned = SerializableTypes().ToHashSet();
        Assert.All(ManifestRegistry.Entries, e => Assert.Contains(e.Type, scanned));
    }

    [Fact]
    public void Manifests_and_types_are_unique_and_short()
    {
        var manifests = ManifestRegistry.Entries.Select(e => e.Manifest).ToList();
        Assert.Equal(manifests.Count, manifests.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(manifests.Count, ManifestRegistry.Entries.Select(e => e.Type).Distinct().Count());
        Assert.Equal(manifests.Count, ManifestRegistry.TypeByManifest.Count);
        Assert.All(manifests, m => Assert.Matches("^[a-z]{2,3}\\.[a-z]{2,4}$", m));
    }

    [Fact]
    public void Manifests_are_not_derived_from_type_names()
    {
        // A manifest that contains its type's name would invite "fixing" it on a rename.
        Assert.All(ManifestRegistry.Entries, e => Assert.DoesNotContain(e.Type.Name, e.Manifest, StringComparison.OrdinalIgnoreCase));
    }
}
