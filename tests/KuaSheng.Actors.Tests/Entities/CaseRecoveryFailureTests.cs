using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;
using KuaSheng.Actors.Cases;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Tests.Entities;

/// <summary>A case whose journal cannot be replayed answers the requests that waited for its recovery with
/// "unavailable" at once, instead of leaving them to time out.</summary>
public sealed class CaseRecoveryFailureTests : EntityTestKit
{
    /// <summary>Writes events under a case's persistence id without the case's rules (to make a journal it cannot read).</summary>
    private sealed class RawWriter : ReceivePersistentActor
    {
        public RawWriter(string persistenceId, object[] events, IActorRef done)
        {
            PersistenceId = persistenceId;
            Command<string>(_ =>
            {
                PersistAll(events, _ => { });
                DeferAsync("done", d => done.Tell(d));
            });
        }

        public override string PersistenceId { get; }
    }

    [Fact]
    public void Requests_waiting_for_a_failed_recovery_are_answered_unavailable()
    {
        // A journal that starts with a leg event instead of the submission cannot be folded into a case.
        object[] events = [new CaseJournalEvent(new LegAccepted("leg1", Clock.Now, "officer-1"), "c-1")];
        var writer = Sys.ActorOf(Props.Create(() => new RawWriter("case-broken", events, TestActor)));
        writer.Tell("write");
        ExpectMsg("done");
        Watch(writer);
        writer.Tell(PoisonPill.Instance);
        ExpectTerminated(writer);

        var units = CreateTestProbe();
        var actor = Sys.ActorOf(CaseProps("broken", CaseSettings(), units.Ref, CreateTestProbe().Ref), "case-broken-entity");
        Watch(actor);
        actor.Tell(new GetCaseState("broken"), TestActor);
        actor.Tell(new CaseRequest("broken", "c-2", new ReviewForm(true, [], null, Clerk)), TestActor);

        // The entity stops too; its Terminated may overtake the answers (a system message).
        var received = ReceiveN(3, TimeSpan.FromSeconds(5));
        var answers = received.OfType<CaseUnavailable>().ToList();
        Assert.Equal(2, answers.Count);
        Assert.All(answers, a => Assert.Equal("broken", a.CaseId));
        Assert.Single(received.OfType<Terminated>());
    }
}
