using Akka.Actor;
using KuaSheng.Actors.Cases;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Actors.Tests.Entities;

/// <summary>What a case writes to its journal: one row per command that changed it, whatever the command decided; and
/// journals written before (one row per event) are still read.</summary>
public sealed class CaseJournalTests : CaseTestKit
{
    private CaseReply Send(IActorRef actor, string caseId, string commandId, CaseCommand command)
    {
        actor.Tell(new CaseRequest(caseId, commandId, command), TestActor);
        return ExpectMsg<CaseReply>();
    }

    private void Stop(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    [Fact]
    public void A_command_is_one_journal_row_with_all_it_decided_and_a_refusal_writes_none()
    {
        var actor = Case("j1");
        Send(actor, "j1", "a", Submission("j1"));
        Send(actor, "j1", "b", new ReviewForm(true, [], null, Clerk));
        Assert.NotNull(Send(actor, "j1", "x", new ReviewForm(true, [], null, Clerk)).Refusal); // already reviewed
        var state = Send(actor, "j1", "c", new VerifyIdentity(IdentityMethod.Face, true, Clerk)).State!;
        Stop(actor);

        var rows = RawJournal.Read(this, "case-j1");
        Assert.Equal(["a", "b", "c"], rows.Select(r => Assert.IsType<CaseJournalBatch>(r).CommandId));
        Assert.Contains(rows.Cast<CaseJournalBatch>(), r => r.Events.Count > 1);
        Assert.Equal(state.Version, rows.Cast<CaseJournalBatch>().Sum(r => r.Events.Count));
    }

    [Fact]
    public void A_journal_of_one_row_per_event_is_read_and_continued_with_rows_per_command()
    {
        // As the case wrote them before: each event a row, the command id on a command's last event.
        var context = new CaseContext(Clock.Now, Domain.ReferenceData.Embedded.Calendar, TimeLimits.Default);
        var submitted = CaseDecider.Decide(null, Submission("j2"), context);
        var reviewed = CaseDecider.Decide(submitted.State, new ReviewForm(true, [], null, Clerk), context);
        var verified = CaseDecider.Decide(reviewed.State, new VerifyIdentity(IdentityMethod.Face, true, Clerk), context);
        var old = new[] { (submitted, "a"), (reviewed, "b"), (verified, "c") }
            .SelectMany(d => d.Item1.Events.Select((e, i) => (object)new CaseJournalEvent(e, i == d.Item1.Events.Count - 1 ? d.Item2 : null)))
            .ToArray();
        Assert.True(old.Length > 3);
        RawJournal.Write(this, "case-j2", old);

        var actor = Case("j2");
        actor.Tell(new GetCaseState("j2"), TestActor);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(verified.State), System.Text.Json.JsonSerializer.Serialize(ExpectMsg<CaseReply>().State));
        Assert.True(Send(actor, "j2", "b", new ReviewForm(true, [], null, Clerk)).Duplicate);
        var accepted = Send(actor, "j2", "d", new DecideAcceptance("leg1", true, null, Officer("u-home")));
        Assert.Null(accepted.Refusal);
        Stop(actor);

        var rows = RawJournal.Read(this, "case-j2");
        Assert.Equal(old.Length + 1, rows.Count);
        Assert.Equal("d", Assert.IsType<CaseJournalBatch>(rows[^1]).CommandId);
        var again = Case("j2");
        again.Tell(new GetCaseState("j2"), TestActor);
        Assert.Equal(accepted.State!.Version, ExpectMsg<CaseReply>().State!.Version);
    }
}
