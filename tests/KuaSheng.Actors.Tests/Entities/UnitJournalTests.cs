using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using KuaSheng.Actors.Units;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;

namespace KuaSheng.Actors.Tests.Entities;

/// <summary>What a unit writes to its journal: only views that change what it must find again after a restart, and the
/// views that arrive while a write is under way as one row.</summary>
public sealed class UnitJournalTests() : EntityTestKit(ConfigurationFactory.ParseString(
    GatedMemoryJournal.Hocon + $"\nakka.persistence.journal.plugin = \"{GatedMemoryJournal.PluginId}\""))
{
    private IActorRef Unit(string id) => Sys.ActorOf(Props.Create(() =>
        new UnitActor(id, new UnitActorSettings(Clock, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30), SnapshotEvery: 1_000), CreateTestProbe().Ref)));

    private static SyncCaseToUnit View(string unit, string caseId, long version, CaseStatus status, LegStatus leg, DateOnly? due = null) =>
        new(unit, caseId, version, "1-1", status, false, [new UnitLeg("leg1", LegRole.Home, leg)],
            due is { } d ? [new UnitDeadline("dl1", DeadlineStep.Decision, "leg1", d, false, false)] : []);

    private Worklist WorklistOf(IActorRef unit, string id)
    {
        unit.Tell(new GetWorklist(id), TestActor);
        return ExpectMsg<Worklist>();
    }

    private void Restart(ref IActorRef unit, string id)
    {
        Watch(unit);
        Sys.Stop(unit);
        ExpectTerminated(unit);
        unit = Unit(id);
    }

    [Fact]
    public void A_view_that_changes_neither_legs_nor_deadlines_is_acknowledged_without_a_write()
    {
        var unit = Unit("uj1");
        var due = new DateOnly(2026, 3, 20);
        unit.Tell(View("uj1", "c1", 3, CaseStatus.Accepted, LegStatus.Accepted, due), TestActor);
        ExpectMsg<CaseSyncAck>();
        // The case moved on (a mailing signed, say) without touching this unit's leg or deadline.
        unit.Tell(View("uj1", "c1", 4, CaseStatus.Accepted, LegStatus.Accepted, due), TestActor);
        Assert.Equal(4, ExpectMsg<CaseSyncAck>().CaseVersion);
        Assert.Single(RawJournal.Read(this, "unit-uj1"));

        // The decision closes the leg and its deadline: written, and found again after a restart.
        unit.Tell(View("uj1", "c1", 6, CaseStatus.Decided, LegStatus.Approved), TestActor);
        ExpectMsg<CaseSyncAck>();
        Assert.Equal(2, RawJournal.Read(this, "unit-uj1").Count);
        Restart(ref unit, "uj1");
        Assert.Empty(WorklistOf(unit, "uj1").Legs);
    }

    [Fact]
    public void Views_arriving_during_a_write_are_written_together_as_one_row()
    {
        var unit = Unit("uj2");
        var due = new DateOnly(2026, 3, 20);
        unit.Tell(View("uj2", "c0", 1, CaseStatus.Forwarded, LegStatus.Forwarded, due), TestActor);
        ExpectMsg<CaseSyncAck>();

        GatedMemoryJournal.Close("unit-uj2");
        for (var i = 1; i <= 10; i++) unit.Tell(View("uj2", $"c{i}", 1, CaseStatus.Forwarded, LegStatus.Forwarded, due), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // nothing is acknowledged before it is written
        GatedMemoryJournal.Open("unit-uj2");
        var acks = ReceiveN(10, TimeSpan.FromSeconds(20)).Cast<CaseSyncAck>().Select(a => a.CaseId).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"c{i}").Order(), acks);

        var rows = RawJournal.Read(this, "unit-uj2");
        Assert.Equal(3, rows.Count); // c0; c1 alone (its write was held); c2…c10 together
        Assert.Equal(9, Assert.IsType<UnitCaseViewsUpdated>(rows[^1]).Views.Count);
        Restart(ref unit, "uj2");
        Assert.Equal(11, WorklistOf(unit, "uj2").Legs.Count);
    }

    [Fact]
    public void A_journal_of_one_row_per_view_is_still_read()
    {
        RawJournal.Write(this, "unit-uj3",
            new UnitCaseViewUpdated(View("uj3", "c1", 2, CaseStatus.Forwarded, LegStatus.Forwarded, new DateOnly(2026, 3, 20))),
            new UnitCaseViewUpdated(View("uj3", "c2", 2, CaseStatus.Forwarded, LegStatus.Forwarded, new DateOnly(2026, 3, 20))),
            new UnitCaseViewUpdated(View("uj3", "c1", 5, CaseStatus.Decided, LegStatus.Approved)));
        var unit = Unit("uj3");
        Assert.Equal("c2", Assert.Single(WorklistOf(unit, "uj3").Legs).CaseId);
    }
}
