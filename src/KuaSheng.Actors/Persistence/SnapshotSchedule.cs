namespace KuaSheng.Actors.Persistence;

/// <summary>
/// When an entity whose snapshot holds a collection (a unit's views of its open cases, a unit's ticket index) saves
/// the next one: after <c>max(every, ⌈size / 4⌉)</c> events since the last. A fixed interval makes the snapshot cost grow
/// with the collection: a window with 100,000 open cases would write all 100,000 views every 500 syncs. Scaled, the
/// snapshots cost at most 4 entries written per event however large the unit grows, and a recovery replays at most a
/// quarter as many events as its snapshot holds entries (with <c>size / 1</c> the cold start of 100,000 cases took
/// 4.1 s instead of 2.2 s: the units replayed ~35,000 events each).
/// </summary>
public sealed class SnapshotSchedule(int every)
{
    /// <summary>Entries a snapshot may hold per event since the last one.</summary>
    public const int EntriesPerEvent = 4;

    private long _lastSnapshotAt;

    /// <summary>A recovery started from the snapshot taken at <paramref name="sequenceNr"/>.</summary>
    public void Recovered(long sequenceNr) => _lastSnapshotAt = sequenceNr;

    /// <summary>True (and counts from here) when a snapshot is due after the event <paramref name="sequenceNr"/>.</summary>
    public bool Due(long sequenceNr, int size)
    {
        if (sequenceNr - _lastSnapshotAt < Math.Max(every, (size + EntriesPerEvent - 1) / EntriesPerEvent)) return false;
        _lastSnapshotAt = sequenceNr;
        return true;
    }
}
