using Akka.Actor;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Units;
using KuaSheng.Actors.Waybills;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Actors.Tests.Entities;

public class CaseActorTests : CaseTestKit
{
    private CaseReply Send(IActorRef actor, string caseId, string commandId, CaseCommand command)
    {
        actor.Tell(new CaseRequest(caseId, commandId, command), TestActor);
        return ExpectMsg<CaseReply>();
    }

    /// <summary>Acknowledges every view the case sends until none comes for a while.</summary>
    private List<SyncCaseToUnit> AckAll(IActorRef actor)
    {
        var seen = new List<SyncCaseToUnit>();
        while (Units.ReceiveOne(TimeSpan.FromMilliseconds(500)) is SyncCaseToUnit view)
        {
            seen.Add(view);
            actor.Tell(new CaseSyncAck(view.UnitId, view.CaseId, view.CaseVersion));
        }
        return seen;
    }

    private static SyncCaseToUnit Latest(List<SyncCaseToUnit> views, string unit) => views.Where(v => v.UnitId == unit).MaxBy(v => v.CaseVersion)!;

    [Fact]
    public void A_repeated_command_id_is_answered_again_and_not_applied_twice()
    {
        var actor = Case("c1");
        var first = Send(actor, "c1", "cmd-1", Submission("c1"));
        Assert.Null(first.Refusal);
        Assert.Equal(CaseStatus.Received, first.State!.Status);

        var again = Send(actor, "c1", "cmd-1", Submission("c1"));
        Assert.True(again.Duplicate);
        Assert.Equal(first.State.Version, again.State!.Version);

        var refused = Send(actor, "c1", "cmd-2", new ReviewForm(false, [], null, Clerk));
        Assert.Equal(RefusalCodes.ValidationFailed, refused.Refusal!.Code);
        actor.Tell(new GetCaseState("c1"), TestActor);
        Assert.Equal(first.State.Version, ExpectMsg<CaseReply>().State!.Version); // a refusal changed nothing
    }

    [Fact]
    public void Forwarded_legs_reach_theirUnits_and_are_resent_until_acknowledged()
    {
        var actor = Case("c2");
        Send(actor, "c2", "a", Submission("c2"));
        var window = Units.ExpectMsg<SyncCaseToUnit>(v => v.UnitId == "qj-window"); // the form-review deadline
        Assert.Single(window.Deadlines, d => d.Step == DeadlineStep.FormReview);
        actor.Tell(new CaseSyncAck("qj-window", "c2", window.CaseVersion));

        Send(actor, "c2", "b", new ReviewForm(true, [], null, Clerk));
        Send(actor, "c2", "c", new VerifyIdentity(IdentityMethod.Face, true, Clerk));
        // Not acknowledged: the home unit's view comes again, the same version each time.
        var views = new List<SyncCaseToUnit>();
        Units.FishForMessage(m =>
        {
            if (m is SyncCaseToUnit { UnitId: "u-home" } v) views.Add(v);
            return views.Count >= 2;
        }, TimeSpan.FromSeconds(5));
        Assert.Equal(LegStatus.Forwarded, Assert.Single(views[^1].Legs).Status);
        Assert.Equal(views[0].CaseVersion, views[1].CaseVersion);

        AckAll(actor);
        Units.ExpectNoMsg(TimeSpan.FromMilliseconds(900)); // acknowledged: no more redelivery
    }

    [Fact]
    public void A_waybill_used_by_another_case_is_a_conflict_and_nothing_is_recorded()
    {
        var actor = Case("c3");
        Send(actor, "c3", "a", Submission("c3", originals: true));
        Send(actor, "c3", "b", new ReviewForm(true, [], null, Clerk));
        Send(actor, "c3", "c", new VerifyIdentity(IdentityMethod.Face, true, Clerk));

        actor.Tell(new CaseRequest("c3", "d", new RegisterMailing("m1", MailingPurpose.Originals, "EMS", "EA123456785CN", Clerk)), TestActor);
        var reserve = Waybills.ExpectMsg<ReserveWaybill>();
        Assert.Equal(("EA123456785CN", "c3", "m1"), (reserve.WaybillNumber, reserve.CaseId, reserve.MailingId));
        Waybills.Reply(new WaybillTaken("EA123456785CN"));
        Assert.Equal(RefusalCodes.Conflict, ExpectMsg<CaseReply>().Refusal!.Code);

        actor.Tell(new CaseRequest("c3", "e", new RegisterMailing("m1", MailingPurpose.Originals, "EMS", "EB123456789CN", Clerk)), TestActor);
        Waybills.ExpectMsg<ReserveWaybill>();
        Waybills.Reply(new WaybillReserved("EB123456789CN", "c3", "m1"));
        var reply = ExpectMsg<CaseReply>();
        Assert.Equal("EB123456789CN", Assert.Single(reply.State!.Mailings).WaybillNumber);
    }

    [Fact]
    public void Commands_arriving_during_a_reservation_wait_and_are_then_handled_in_order()
    {
        var actor = Case("c4");
        Send(actor, "c4", "a", Submission("c4", originals: true));
        Send(actor, "c4", "b", new ReviewForm(true, [], null, Clerk));
        Send(actor, "c4", "c", new VerifyIdentity(IdentityMethod.Face, true, Clerk));
        actor.Tell(new CaseRequest("c4", "d", new RegisterMailing("m1", MailingPurpose.Originals, "EMS", "EA123456785CN", Clerk)), TestActor);
        actor.Tell(new CaseRequest("c4", "e", new ReceiveOriginals(Officer("u-home"))), TestActor);
        Waybills.ExpectMsg<ReserveWaybill>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Waybills.Reply(new WaybillReserved("EA123456785CN", "c4", "m1"));
        Assert.Single(ExpectMsg<CaseReply>().State!.Mailings);
        Assert.True(ExpectMsg<CaseReply>().State!.OriginalsReceived);
    }

    [Fact]
    public void A_restarted_case_recovers_its_state_from_snapshot_and_events_and_tells_itsUnits_again()
    {
        var first = Case("c5");
        Send(first, "c5", "a", Submission("c5"));
        Send(first, "c5", "b", new ReviewForm(true, [], null, Clerk));
        var before = Send(first, "c5", "c", new VerifyIdentity(IdentityMethod.Face, true, Clerk)).State!;
        AckAll(first);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var second = Sys.ActorOf(CaseProps("c5", CaseSettings(snapshotEvery: 3), Units.Ref, Waybills.Ref));
        second.Tell(new GetCaseState("c5"), TestActor);
        var after = ExpectMsg<CaseReply>().State!;
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(before), System.Text.Json.JsonSerializer.Serialize(after));
        var resent = AckAll(second);
        Assert.Contains(resent, v => v.UnitId == "u-home" && v.Legs.Single().Status == LegStatus.Forwarded);
        // The command ids survive the restart too.
        Assert.True(Send(second, "c5", "c", new VerifyIdentity(IdentityMethod.Face, true, Clerk)).Duplicate);
    }

    [Fact]
    public void Snapshots_are_taken_every_n_journal_rows_and_recovery_from_them_gives_the_same_state()
    {
        var first = Case("c6", snapshotEvery: 4);
        Send(first, "c6", "a", Submission("c6"));
        Send(first, "c6", "b", new ReviewForm(true, [], null, Clerk));
        Send(first, "c6", "c", new VerifyIdentity(IdentityMethod.Face, true, Clerk));
        Send(first, "c6", "d", new DecideAcceptance("leg1", true, null, Officer("u-home")));
        var before = Send(first, "c6", "e", new DecideLeg("leg1", DecisionOutcome.Approved, null, new ResultDocument("证", "1", null), Officer("u-home"))).State!;
        Assert.True(before.Version > 8);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var second = Case("c6", snapshotEvery: 4);
        second.Tell(new GetCaseState("c6"), TestActor);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(before), System.Text.Json.JsonSerializer.Serialize(ExpectMsg<CaseReply>().State));
        Assert.True(Send(second, "c6", "e", new DecideLeg("leg1", DecisionOutcome.Approved, null, null, Officer("u-home"))).Duplicate);
    }

    [Fact]
    public void Asking_for_a_case_that_does_not_exist_is_not_found()
    {
        var actor = Case("nope");
        actor.Tell(new GetCaseState("nope"), TestActor);
        Assert.Equal(RefusalCodes.NotFound, ExpectMsg<CaseReply>().Refusal!.Code);
    }
}
