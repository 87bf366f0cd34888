using Akka.Actor;
using KuaSheng.Actors.Cases;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Tests.Entities;

/// <summary>A command id seen before is answered as it was the first time — the state that command left, also when
/// later commands followed and after a restart — and with another request it is refused; either way nothing is written.</summary>
public sealed class CaseRepeatTests : CaseTestKit
{
    private static readonly Caller Window = new(Roles.Window, "w-1", ["qj-window"]);
    private static readonly CommandActor Typed = new("typed", "by-the-api", null);

    private CaseReply Ask(IActorRef actor, object message)
    {
        actor.Tell(message, TestActor);
        return ExpectMsg<CaseReply>(TimeSpan.FromSeconds(10));
    }

    private IActorRef Restart(IActorRef actor, string id)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        return Case(id);
    }

    [Fact]
    public void A_repeat_after_later_commands_is_answered_with_the_state_its_command_left()
    {
        var actor = Case("r1");
        Ask(actor, new CaseRequest("r1", "a", Submission("r1")));
        var reviewed = Ask(actor, new CaseStep("r1", "k:b", new ReviewForm(true, [], null, Typed), Window, "hash-b"));
        Clock.Set(Clock.Now.AddDays(3));
        var verified = Ask(actor, new CaseStep("r1", "k:c", new VerifyIdentity(IdentityMethod.Face, true, Typed), Window, "hash-c"));
        Assert.True(verified.State!.Version > reviewed.State!.Version);

        for (var round = 0; round < 2; round++)
        {
            var answering = round == 0 ? actor : Restart(actor, "r1");
            var again = Ask(answering, new CaseStep("r1", "k:b", new ReviewForm(true, [], null, Typed), Window, "hash-b"));
            Assert.True(again.Duplicate);
            Assert.Null(again.Refusal);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(reviewed.State), System.Text.Json.JsonSerializer.Serialize(again.State));
            Assert.Equal(reviewed.DecidedAt, again.DecidedAt);

            var last = Ask(answering, new CaseStep("r1", "k:c", new VerifyIdentity(IdentityMethod.Face, true, Typed), Window, "hash-c"));
            Assert.True(last.Duplicate);
            Assert.Equal(verified.State.Version, last.State!.Version);
            Assert.Equal(verified.DecidedAt, last.DecidedAt);
        }
        Assert.Equal(3, RawJournal.Read(this, "case-r1").Count);
    }

    [Fact]
    public void A_command_id_with_another_request_is_refused_and_the_first_answer_stays()
    {
        var actor = Case("r2");
        Ask(actor, new CaseRequest("r2", "a", Submission("r2")));
        var reviewed = Ask(actor, new CaseStep("r2", "k:b", new ReviewForm(true, [], null, Typed), Window, "hash-b"));

        var other = Ask(actor, new CaseStep("r2", "k:b", new ReviewForm(false, ["户口簿"], null, Typed), Window, "hash-other"));
        Assert.True(other.Duplicate);
        Assert.Equal(RefusalCodes.Conflict, other.Refusal!.Code);
        Assert.Null(other.State);

        var again = Ask(actor, new CaseStep("r2", "k:b", new ReviewForm(true, [], null, Typed), Window, "hash-b"));
        Assert.Equal(reviewed.State!.Version, again.State!.Version);
        Assert.Equal(2, RawJournal.Read(this, "case-r2").Count);
    }

    [Fact]
    public void A_restart_from_a_snapshot_still_knows_each_command_s_request_and_answer()
    {
        var actor = Case("r3", snapshotEvery: 2);
        Ask(actor, new CaseRequest("r3", "a", Submission("r3")));
        var reviewed = Ask(actor, new CaseStep("r3", "k:b", new ReviewForm(true, [], null, Typed), Window, "hash-b")); // row 2: snapshot
        Ask(actor, new CaseStep("r3", "k:c", new VerifyIdentity(IdentityMethod.Face, true, Typed), Window, "hash-c"));
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        var restarted = Case("r3", snapshotEvery: 2);
        Assert.Equal(RefusalCodes.Conflict,
            Ask(restarted, new CaseStep("r3", "k:b", new ReviewForm(false, ["户口簿"], null, Typed), Window, "hash-other")).Refusal!.Code);
        var again = Ask(restarted, new CaseStep("r3", "k:b", new ReviewForm(true, [], null, Typed), Window, "hash-b"));
        Assert.True(again.Duplicate);
        Assert.Equal(reviewed.State!.Version, again.State!.Version);
        Assert.Equal(reviewed.DecidedAt, again.DecidedAt);
    }

    [Fact]
    public void A_repeat_only_answers_a_command_it_applied_and_decides_nothing_else()
    {
        var actor = Case("r4");
        var submitted = Ask(actor, new CaseRequest("r4", "k:a", Submission("r4"), "hash-a"));

        var again = Ask(actor, new CaseRepeat("r4", "k:a", Submission("r4"), "hash-a"));
        Assert.True(again.Duplicate);
        Assert.Null(again.Refusal);
        Assert.Equal(submitted.State!.Version, again.State!.Version);
        var other = Ask(actor, new CaseRepeat("r4", "k:a", Submission("r4"), "hash-other"));
        Assert.Equal(RefusalCodes.Conflict, other.Refusal!.Code);

        // A command id the case has not applied: refused, not decided (the review could be taken).
        var unknown = Ask(actor, new CaseRepeat("r4", "k:b", new ReviewForm(true, [], null, Typed), "hash-b"));
        Assert.Equal(RefusalCodes.Conflict, unknown.Refusal!.Code);
        Assert.Null(unknown.State);
        // Nor is a case created by one.
        var none = Ask(Case("r5"), new CaseRepeat("r5", "k:a", Submission("r5"), "hash-a"));
        Assert.Equal(RefusalCodes.Conflict, none.Refusal!.Code);
        Assert.Single(RawJournal.Read(this, "case-r4"));
        Assert.Empty(RawJournal.Read(this, "case-r5"));
    }
}
