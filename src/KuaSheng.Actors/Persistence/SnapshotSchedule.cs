namespace KuaSheng.Actors.Persistence;

/// <summary>
/// When an entity whose snapshot holds a collection (a unit's views of its open cases, a unit's ticket index) saves
/// the next one: after <c>max(every, size of the collection)</c> events since the last. A fixed interval makes the
/// snapshot cost grow with the collection: a window with 100,000 open cases would write all 100,000 views every 500
/// syncs. Scaled, writing snapshots costs O(1) per event however large the unit grows, and a recovery replays at most as
/// many events as the snapshot it starts from holds.
/// </summary>
public sealed class SnapshotSchedule(int every)
{
    private long _lastSnapshotAt;

    /// <summary>A recovery started from the snapshot taken at <paramref name="sequenceNr"/>.</summary>
    public void Recovered(long sequenceNr) => _lastSnapshotAt = sequenceNr;

    /// <summary>True (and counts from here) when a snapshot is due after the event <paramref name="sequenceNr"/>.</summary>
    public bool Due(long sequenceNr, int size)
    {
        if (sequenceNr - _lastSnapshotAt < Math.Max(every, size)) return false;
        _lastSnapshotAt = sequenceNr;
        return true;
    }
}
