using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams.Dsl;
using KuaSheng.Actors.ReadModel;

namespace KuaSheng.Actors.Tests.ReadModel;

/// <summary>The runner under its backoff supervisor, with a store whose database is away.</summary>
public sealed class ProjectionRunnerTests : Akka.TestKit.Xunit2.TestKit
{
    private sealed class AwayStore : IProjection
    {
        public int Loads;
        public string Name => "away";
        public JournalStream Stream { get; } = new JournalStream.Entities("case-");

        public Task<StoredOffset> LoadOffsetAsync(CancellationToken ct = default)
        {
            Interlocked.Increment(ref Loads);
            return Task.FromException<StoredOffset>(new IOException("database away"));
        }

        public Task<int> ApplyAsync(IReadOnlyList<EventEnvelope> batch, long offset, DateTimeOffset now, CancellationToken ct = default) =>
            throw new IOException("database away");

        public Task ResetAsync(CancellationToken ct = default) => throw new IOException("database away");
        public Task<long> CountEventsAfterAsync(long offset, CancellationToken ct = default) => throw new IOException("database away");
    }

    private sealed class NoEvents : IJournalEvents
    {
        public Source<EventEnvelope, NotUsed> Events(ActorSystem system, JournalStream stream, long afterOffset) => Source.Never<EventEnvelope>();
    }

    [Fact]
    public void While_the_runner_waits_for_its_restart_a_question_is_answered_at_once_and_the_runner_is_started_again()
    {
        var store = new AwayStore();
        var runner = Sys.ActorOf(ProjectionRunner.Supervised(store, new ProjectionSettings(10, TimeSpan.FromMilliseconds(50), new NoEvents())));

        // A question that reaches the runner while it starts is stashed and lost when it fails; one that arrives while
        // it waits for its backoff gets ProjectionRestarting. Ask until that answer comes (the first backoff is ~1 s).
        AwaitAssert(() =>
        {
            runner.Tell(new GetProjectionStatus(), TestActor);
            var failure = ExpectMsg<Status.Failure>(TimeSpan.FromMilliseconds(300));
            var restarting = Assert.IsType<ProjectionRestarting>(failure.Cause);
            Assert.Equal("away", restarting.Name);
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10));

        AwaitCondition(() => Volatile.Read(ref store.Loads) >= 2, TimeSpan.FromSeconds(20));
    }
}
