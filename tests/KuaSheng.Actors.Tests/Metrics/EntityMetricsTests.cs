using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Metrics;
using KuaSheng.Actors.Tests.Entities;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Actors.Tests.Metrics;

/// <summary>A case counts each answer by command type and result, times its writes, and counts a missed deadline once.</summary>
public sealed class CaseMetricsTests : EntityTestKit
{
    private CaseReply Send(IActorRef actor, string commandId, CaseCommand command)
    {
        actor.Tell(new CaseRequest("m1", commandId, command), TestActor);
        return ExpectMsg<CaseReply>();
    }

    [Fact]
    public void Answers_are_counted_by_command_and_result_writes_are_timed_and_a_miss_is_counted_once()
    {
        using var log = new MeasurementLog();
        var actor = Sys.ActorOf(CaseProps("m1", CaseSettings(), CreateTestProbe().Ref, CreateTestProbe().Ref));

        var submitted = Send(actor, "cmd-1", Submission("m1"));
        Send(actor, "cmd-1", Submission("m1"));
        Send(actor, "cmd-2", new ReviewForm(false, [], null, Clerk));
        var formReview = submitted.State!.Deadlines.Single(d => d.Step == DeadlineStep.FormReview);
        Clock.Set(Clock.Now.AddDays(30));
        var missed = Send(actor, "miss-1", new MarkDeadlineMissed(formReview.DeadlineId, Clerk));
        Send(actor, "miss-2", new MarkDeadlineMissed(formReview.DeadlineId, Clerk)); // already recorded: nothing new

        Assert.NotNull(missed.State!.Deadlines.Single(d => d.DeadlineId == formReview.DeadlineId).MissedAt);
        const string commands = "kuasheng.commands";
        Assert.Equal(1, log.Sum(commands, "entity=case", "command=SubmitCase", "result=accepted"));
        Assert.Equal(1, log.Sum(commands, "entity=case", "command=SubmitCase", "result=duplicate"));
        Assert.Equal(1, log.Sum(commands, "entity=case", "command=ReviewForm", "result=rejected", $"code={RefusalCodes.ValidationFailed}"));
        Assert.Equal(2, log.Sum(commands, "entity=case", "command=MarkDeadlineMissed", "result=accepted"));
        Assert.Equal(1, log.Sum("kuasheng.deadlines.missed", "step=form-review"));
        var writes = log.Of("kuasheng.persist.duration", "entity=case");
        Assert.Equal(2, writes.Count); // the submission and the miss; the duplicate, the refusal and the repeat wrote nothing
        Assert.All(writes, w => Assert.InRange(w.Value, 0, 20));
    }
}

/// <summary>The journal's circuit breaker is private to Akka: a write it refuses while open reaches the entity as an
/// <see cref="OpenCircuitException"/>, which is what <c>kuasheng_journal_circuit_open</c> is derived from.</summary>
public sealed class JournalCircuitMetricsTests() : EntityTestKit(ConfigurationFactory.ParseString($$"""
    akka.persistence.journal.plugin = "akka.persistence.journal.failing-writes"
    akka.persistence.journal.failing-writes {
        class = "{{typeof(FailingWritesJournal).AssemblyQualifiedName}}"
        plugin-dispatcher = "akka.actor.default-dispatcher"
        circuit-breaker { max-failures = 1, call-timeout = 10s, reset-timeout = 60s }
    }
    """))
{
    /// <summary>Reads like the in-memory journal; every write fails as a database that went away.</summary>
    public sealed class FailingWritesJournal : MemoryJournal
    {
        protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken) =>
            Task.FromException<IImmutableList<Exception>>(new InvalidOperationException("the database went away"));
    }

    [Fact]
    public void A_write_refused_by_the_open_breaker_is_counted_as_circuit_open_and_the_derived_state_is_open()
    {
        using var log = new MeasurementLog();
        var first = Sys.ActorOf(CaseProps("f1", CaseSettings(), CreateTestProbe().Ref, CreateTestProbe().Ref));
        var second = Sys.ActorOf(CaseProps("f2", CaseSettings(), CreateTestProbe().Ref, CreateTestProbe().Ref));
        // Both recover (through the breaker) while it is closed.
        foreach (var (actor, id) in new[] { (first, "f1"), (second, "f2") })
        {
            actor.Tell(new GetCaseState(id), TestActor);
            ExpectMsg<CaseReply>();
        }

        first.Tell(new CaseRequest("f1", "c-1", Submission("f1")), TestActor);
        ExpectMsg<CaseUnavailable>(); // the failure that opens the breaker (max-failures = 1)
        Assert.Equal(1, log.Sum("kuasheng.persist.failures", "entity=case", $"reason={EntityMetrics.Error}"));
        second.Tell(new CaseRequest("f2", "c-2", Submission("f2")), TestActor);
        ExpectMsg<CaseUnavailable>();

        Assert.Equal(1, log.Sum("kuasheng.persist.failures", "entity=case", $"reason={EntityMetrics.CircuitOpen}"));
        Assert.True(EntityMetrics.JournalCircuitOpen);
        Assert.Equal(2, log.Sum("kuasheng.commands", "entity=case", "command=SubmitCase", $"result={CommandResult.Unavailable}"));
    }
}
