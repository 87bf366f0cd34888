using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.TestKit;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Tickets;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Tests.Entities;

/// <summary>A case or ticket whose journal cannot be replayed answers the requests that waited for its recovery with
/// "unavailable" at once, instead of leaving them to time out.</summary>
public sealed class RecoveryFailureTests() : EntityTestKit(ConfigurationFactory.ParseString(
    GatedMemoryJournal.Hocon + $"\nakka.persistence.journal.plugin = \"{GatedMemoryJournal.PluginId}\""))
{
    /// <summary>A bound for liveness, not a speed: without the fix no answer ever comes (the requests die with the
    /// entity). CI runs hundreds of actor systems in parallel on 2 cores; 5 s was once not enough there.</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(20);

    [Fact]
    public void Requests_waiting_for_a_failed_recovery_are_answered_unavailable()
    {
        // A journal that starts with a leg event instead of the submission cannot be folded into a case.
        Write("case-broken", new CaseJournalEvent(new LegAccepted("leg1", Clock.Now, "officer-1"), "c-1"));

        GatedMemoryJournal.Close("case-broken");
        var units = CreateTestProbe();
        var actor = Sys.ActorOf(CaseProps("broken", CaseSettings(), units.Ref, CreateTestProbe().Ref), "case-broken-entity");
        Watch(actor);
        actor.Tell(new GetCaseState("broken"), TestActor);
        actor.Tell(new CaseRequest("broken", "c-2", new ReviewForm(true, [], null, Clerk)), TestActor);
        GatedMemoryJournal.Open("case-broken");

        // The entity stops too; its Terminated may overtake the answers (a system message).
        var received = ReceiveN(3, AnswerBound);
        var answers = received.OfType<CaseUnavailable>().ToList();
        Assert.Equal(2, answers.Count);
        Assert.All(answers, a => Assert.Equal("broken", a.CaseId));
        Assert.Single(received.OfType<Terminated>());
    }

    [Fact]
    public void Ticket_requests_waiting_for_a_failed_recovery_are_answered_unavailable()
    {
        // An opening entry without its event cannot start a ticket.
        Write("ticket-broken", new TicketOpenedEntry(null!, "k-1"));

        GatedMemoryJournal.Close("ticket-broken");
        var actor = Sys.ActorOf(Props.Create(() => new TicketActor("broken", new TicketActorSettings(Clock, () => ReferenceData.Embedded.Calendar,
            Domain.Deadlines.TimeLimits.Default, TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(300)), CreateTestProbe().Ref)), "ticket-broken-entity");
        Watch(actor);
        actor.Tell(new GetTicket("broken"), TestActor);
        GatedMemoryJournal.Open("ticket-broken");

        var received = ReceiveN(2, AnswerBound);
        Assert.Equal("broken", Assert.Single(received.OfType<TicketUnavailable>()).TicketId);
        Assert.Single(received.OfType<Terminated>());
    }

    private void Write(string persistenceId, params object[] events) => RawJournal.Write(this, persistenceId, events);
}
