using Akka.Actor;
using Akka.Persistence;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Waybills;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Tests.Entities;

/// <summary>A caller's step in one message (<see cref="CaseStep"/>): the case decides whether the caller may take it,
/// against the state it decides on, and answers exactly once; what it refuses leaves its journal as it was.</summary>
public class CaseStepTests : CaseTestKit
{
    private static readonly CommandActor Typed = new("typed", "by-the-api", null);

    private CaseReply Ask(IActorRef actor, object message)
    {
        actor.Tell(message, TestActor);
        var reply = ExpectMsg<CaseReply>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // exactly one answer
        return reply;
    }

    /// <summary>The rows the journal holds for a case.</summary>
    private int JournalCount(string caseId) => JournalRows(CaseActor.PersistenceIdPrefix + caseId);

    [Fact]
    public void A_forbidden_step_is_refused_by_the_case_and_nothing_is_written()
    {
        var actor = Case("s1");
        Assert.Null(Ask(actor, new CaseRequest("s1", "a", Submission("s1"))).Refusal);
        var written = JournalCount("s1");

        var refused = Ask(actor, new CaseStep("s1", "k:1", new ReviewForm(true, [], null, Typed), new Caller(Roles.Window, "w-2", ["town-500110001"])));
        Assert.Equal(RefusalCodes.Forbidden, refused.Refusal!.Code);
        Assert.Equal("A window of town-500110001 may not take this step on case s1.", refused.Refusal.Message);
        Assert.Null(refused.State);
        Assert.Equal(written, JournalCount("s1"));

        // Nothing was recorded, not even the command id: the same id from the right caller is a new command.
        var taken = Ask(actor, new CaseStep("s1", "k:1", new ReviewForm(true, [], null, Typed), new Caller(Roles.Window, "w-1", ["qj-window"])));
        Assert.False(taken.Duplicate);
        Assert.Equal("window:w-1@qj-window", taken.State!.Timeline[^1].By);
        Assert.True(JournalCount("s1") > written);
    }

    [Fact]
    public void A_step_on_a_case_that_does_not_exist_is_not_found_whoever_asks_and_writes_nothing()
    {
        var actor = Case("ghost");
        var window = new Caller(Roles.Window, "w-1", ["qj-window"]);
        var notFound = Ask(actor, new CaseStep("ghost", "k:1", new ReviewForm(true, [], null, Typed), window));
        Assert.Equal((RefusalCodes.NotFound, "Case ghost was not found."), (notFound.Refusal!.Code, notFound.Refusal.Message));
        Assert.Equal(RefusalCodes.NotFound, Ask(actor, new CaseStep("ghost", "k:2", new Resume(Typed), new Caller(Roles.Carrier, "c", []))).Refusal!.Code);
        // A submission is no caller's step on a case: it does not create one either.
        Assert.Equal(RefusalCodes.NotFound, Ask(actor, new CaseStep("ghost", "k:3", Submission("ghost"), window)).Refusal!.Code);
        Assert.Equal(0, JournalCount("ghost"));
    }

    [Fact]
    public void An_admitted_step_is_by_the_callers_unit_on_the_case_with_its_waybill_parsed_and_a_retry_is_answered_again()
    {
        var actor = Case("s2");
        Ask(actor, new CaseRequest("s2", "a", Submission("s2", originals: true)));
        Ask(actor, new CaseRequest("s2", "b", new ReviewForm(true, [], null, Clerk)));
        Ask(actor, new CaseRequest("s2", "c", new VerifyIdentity(IdentityMethod.Face, true, Clerk)));
        var integration = new Caller(Roles.Integration, "platform", ["qj-notary", "qj-window"]);
        var step = new CaseStep("s2", "k:9", new RegisterMailing(null, MailingPurpose.Originals, "EMS", " ea 1234 5678 5cn", Typed), integration);

        actor.Tell(step, TestActor);
        var reserve = Waybills.ExpectMsg<ReserveWaybill>();
        Assert.Equal(("EA123456785CN", "m-EA123456785CN"), (reserve.WaybillNumber, reserve.MailingId));
        Waybills.Reply(new WaybillReserved("EA123456785CN", "s2", "m-EA123456785CN"));
        var reply = ExpectMsg<CaseReply>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal("integration:platform@qj-window", reply.State!.Timeline.Single(t => t.Type == "mailing-registered").By);

        var again = Ask(actor, step);
        Assert.True(again.Duplicate);
        Assert.Equal(reply.State.Version, again.State!.Version);
        Waybills.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_waybill_typed_wrong_by_a_caller_who_may_mail_is_invalid_and_nothing_is_reserved_or_written()
    {
        var actor = Case("s3");
        Ask(actor, new CaseRequest("s3", "a", Submission("s3", originals: true)));
        var written = JournalCount("s3");
        var invalid = Ask(actor, new CaseStep("s3", "k:1", new RegisterMailing(null, MailingPurpose.Originals, "EMS", "EA123456789CN", Typed),
            new Caller(Roles.Window, "w-1", ["qj-window"])));
        Assert.Equal(RefusalCodes.ValidationFailed, invalid.Refusal!.Code);
        Assert.True(invalid.Refusal.Errors!.ContainsKey("waybillNumber"));
        Waybills.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(written, JournalCount("s3"));
    }
}
