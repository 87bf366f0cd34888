using CsCheck;
using KuaSheng.Actors.Persistence;

namespace KuaSheng.Actors.Tests.Entities;

public sealed class SnapshotScheduleTests
{
    private static List<long> DueAt(SnapshotSchedule schedule, long from, long to, Func<long, int> size)
    {
        var due = new List<long>();
        for (var seq = from; seq <= to; seq++)
            if (schedule.Due(seq, size(seq))) due.Add(seq);
        return due;
    }

    [Fact]
    public void A_small_collection_is_saved_every_so_many_events()
    {
        Assert.Equal([3, 6, 9], DueAt(new SnapshotSchedule(3), 1, 10, _ => 2));
    }

    [Fact]
    public void A_collection_larger_than_the_interval_waits_a_quarter_as_many_events_as_it_holds()
    {
        Assert.Equal([10, 20], DueAt(new SnapshotSchedule(3), 1, 25, _ => 40));
    }

    [Fact]
    public void After_a_recovery_from_a_snapshot_the_count_starts_at_that_snapshot()
    {
        var schedule = new SnapshotSchedule(3);
        schedule.Recovered(100);
        Assert.Equal([103, 106], DueAt(schedule, 101, 107, _ => 1));
    }

    /// <summary>Whatever the collection does, all snapshots written over N events hold at most 4 N entries in all: the cost of snapshots per event is bounded, however large the unit grows.</summary>
    [Fact]
    public void Snapshots_never_hold_more_than_four_entries_per_event_in_all()
    {
        Gen.Int[1, 50].Select(Gen.Int[0, 2_000].Array[1, 3_000]).Sample((every, sizes) =>
        {
            var schedule = new SnapshotSchedule(every);
            long written = 0;
            for (var i = 0; i < sizes.Length; i++)
                if (schedule.Due(i + 1, sizes[i])) written += sizes[i];
            return written <= SnapshotSchedule.EntriesPerEvent * sizes.Length;
        }, iter: 200);
    }
}
