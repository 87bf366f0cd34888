using KuaSheng.Domain;

namespace KuaSheng.Actors.Reference;

/// <summary>This node's copy of the reference data: read by every request without a message hop, replaced
/// whole (immutable values) when the follower sees a newer version.</summary>
public sealed class ReferenceDataStore(ReferenceData initial)
{
    private sealed record Snapshot(ReferenceData Data, long Version);

    private readonly Lock _gate = new();
    private volatile Snapshot _current = new(initial, 0);

    public ReferenceData Current => _current.Data;

    public long Version => _current.Version;

    /// <summary>Applies changes after the known version (idempotent: older batches change nothing).</summary>
    public void Follow(ReferenceChanges changes)
    {
        lock (_gate)
        {
            var (data, version) = (_current.Data, _current.Version);
            var first = changes.Version - changes.Changes.Count;
            if (first > version || changes.Version <= version) return; // a gap (ask again) or nothing new
            foreach (var change in changes.Changes.Skip((int)(version - first)))
            {
                var (next, _) = ReferenceFold.Apply(data, change);
                data = next ?? data;
            }
            _current = new Snapshot(data, changes.Version);
        }
    }
}
