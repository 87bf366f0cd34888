using Akka.Actor;
using Akka.TestKit;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Units;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;

namespace KuaSheng.Actors.Tests.Entities;

public class UnitActorTests : EntityTestKit
{
    private readonly TestProbe _cases;

    public UnitActorTests() => _cases = CreateTestProbe();

    private UnitActorSettings Settings => new(Clock, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), SnapshotEvery: 3);

    private IActorRef Unit(string id) => Sys.ActorOf(Props.Create(() => new UnitActor(id, Settings, _cases.Ref)));

    private static SyncCaseToUnit View(string caseId, long version, LegStatus leg, params UnitDeadline[] deadlines) =>
        new("u1", caseId, version, "1-1", CaseStatus.Forwarded, false, [new UnitLeg("leg1", LegRole.Home, leg)], deadlines);

    private static UnitDeadline Due(string id, DateOnly due, bool missed = false) =>
        new(id, DeadlineStep.Acceptance, "leg1", due, false, missed);

    private Worklist WorklistOf(IActorRef unit)
    {
        unit.Tell(new GetWorklist("u1"), TestActor);
        return ExpectMsg<Worklist>();
    }

    [Fact]
    public void A_newer_view_replaces_an_older_one_and_a_repeat_or_an_older_view_changes_nothing()
    {
        var unit = Unit("u1");
        unit.Tell(View("c1", 5, LegStatus.Forwarded), TestActor);
        Assert.Equal(5, ExpectMsg<CaseSyncAck>().CaseVersion);
        unit.Tell(View("c1", 5, LegStatus.Forwarded), TestActor);
        ExpectMsg<CaseSyncAck>();
        unit.Tell(View("c1", 7, LegStatus.Accepted), TestActor);
        ExpectMsg<CaseSyncAck>();
        unit.Tell(View("c1", 6, LegStatus.Forwarded), TestActor); // late redelivery of an older version
        ExpectMsg<CaseSyncAck>();

        var leg = Assert.Single(WorklistOf(unit).Legs);
        Assert.Equal(LegStatus.Accepted, leg.Status);

        unit.Tell(View("c1", 9, LegStatus.Approved), TestActor); // done: leaves the worklist
        ExpectMsg<CaseSyncAck>();
        Assert.Empty(WorklistOf(unit).Legs);
    }

    [Theory] // the unit's work is its open legs (forwarded, accepted) of a case that has not ended, as the read model's worklist
    [InlineData(CaseStatus.Withdrawn, LegStatus.Forwarded)]
    [InlineData(CaseStatus.Withdrawn, LegStatus.Accepted)]
    [InlineData(CaseStatus.Returned, LegStatus.Returned)]
    [InlineData(CaseStatus.Decided, LegStatus.Approved)]
    public void A_leg_that_is_no_longer_work_leaves_the_worklist(CaseStatus caseStatus, LegStatus leg)
    {
        var unit = Unit("u1");
        unit.Tell(View("c1", 3, LegStatus.Forwarded), TestActor);
        ExpectMsg<CaseSyncAck>();
        unit.Tell(View("c1", 4, leg) with { CaseStatus = caseStatus }, TestActor);
        ExpectMsg<CaseSyncAck>();
        Assert.Empty(WorklistOf(unit).Legs);
    }

    [Fact]
    public void A_suspended_case_keeps_its_accepted_leg_on_the_worklist()
    {
        var unit = Unit("u1");
        unit.Tell(View("c1", 4, LegStatus.Accepted) with { CaseStatus = CaseStatus.Suspended, ClockPaused = true }, TestActor);
        ExpectMsg<CaseSyncAck>();
        Assert.Equal(LegStatus.Accepted, Assert.Single(WorklistOf(unit).Legs).Status);
    }

    [Fact]
    public void A_deadline_past_its_due_day_is_reported_to_its_case_once_per_retry_period()
    {
        var unit = Unit("u1");
        unit.Tell(View("c1", 3, LegStatus.Forwarded, Due("dl2", new DateOnly(2026, 3, 4))), TestActor);
        ExpectMsg<CaseSyncAck>();
        _cases.ExpectNoMsg(TimeSpan.FromMilliseconds(500)); // not due yet

        Clock.Set(new DateTimeOffset(2026, 3, 5, 0, 0, 1, CaseContext.ChinaOffset));
        var request = _cases.ExpectMsg<CaseRequest>(TimeSpan.FromSeconds(3));
        Assert.Equal(("c1", "miss:dl2"), (request.CaseId, request.CommandId));
        Assert.Equal("dl2", Assert.IsType<MarkDeadlineMissed>(request.Command).DeadlineId);
        _cases.ExpectNoMsg(TimeSpan.FromMilliseconds(600)); // not again within the retry period

        unit.Tell(View("c1", 4, LegStatus.Forwarded, Due("dl2", new DateOnly(2026, 3, 4), missed: true)), TestActor);
        ExpectMsg<CaseSyncAck>();
        Assert.True(Assert.Single(WorklistOf(unit).Deadlines).Missed);
    }

    [Fact]
    public void A_paused_case_has_no_deadline_falling_due()
    {
        var unit = Unit("u1");
        unit.Tell(View("c1", 3, LegStatus.Accepted, Due("dl2", new DateOnly(2026, 3, 4))) with { ClockPaused = true }, TestActor);
        ExpectMsg<CaseSyncAck>();
        Clock.Set(new DateTimeOffset(2026, 3, 20, 9, 0, 0, CaseContext.ChinaOffset));
        _cases.ExpectNoMsg(TimeSpan.FromMilliseconds(600));
    }

    [Fact]
    public void A_restarted_unit_keeps_its_worklist_and_fires_deadlines_that_fell_due_while_it_was_down()
    {
        var first = Unit("u1");
        for (var i = 1; i <= 4; i++) // past the snapshot interval, so recovery uses snapshot + events
        {
            first.Tell(View($"c{i}", 2, LegStatus.Forwarded, Due($"dl{i}", new DateOnly(2026, 3, 4))), TestActor);
            ExpectMsg<CaseSyncAck>();
        }
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        Clock.Set(new DateTimeOffset(2026, 3, 9, 9, 0, 0, CaseContext.ChinaOffset)); // "down" over the due day
        var second = Unit("u1");
        var reported = new HashSet<string>();
        for (var i = 0; i < 4; i++) reported.Add(_cases.ExpectMsg<CaseRequest>(TimeSpan.FromSeconds(3)).CaseId);
        Assert.Equal(["c1", "c2", "c3", "c4"], reported.Order());
        Assert.Equal(4, WorklistOf(second).Legs.Count);
    }
}
