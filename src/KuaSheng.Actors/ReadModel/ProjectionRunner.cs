using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Pattern;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace KuaSheng.Actors.ReadModel;

/// <summary>
/// Runs one <see cref="IProjection"/>: the events of its tag, live, from the stored offset
/// (<see cref="ProjectionSettings.Source"/>), in batches, each batch written with its offset in one transaction. One
/// runner per projection in the cluster (a singleton); a failure stops it and its backoff supervisor starts it again
/// from the stored offset; tables written by another version of the code are rebuilt at start. Answers
/// <see cref="GetProjectionStatus"/> and <see cref="RebuildProjection"/>.
/// </summary>
public sealed class ProjectionRunner : ReceiveActor, IWithStash
{
    private sealed record OffsetLoaded(StoredOffset Offset);
    private sealed record BatchDone(int Generation, long Offset, long Timestamp, int Count);
    private sealed record StreamEnded(int Generation, Exception? Error);
    private sealed record ResetDone;
    private sealed record BacklogCounted(IActorRef ReplyTo, long Offset, DateTimeOffset? LastEventAt, long Projected, long Behind);

    private readonly IProjection _store;
    private readonly ProjectionSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private int _generation;
    private UniqueKillSwitch? _killSwitch;
    private long _offset;
    private DateTimeOffset? _lastEventAt;
    private long _projected;
    private readonly List<IActorRef> _rebuildRequesters = [];
    /// <summary>When the running rebuild started; null once a status found it caught up.</summary>
    private DateTimeOffset? _rebuildStartedAt;

    public ProjectionRunner(IProjection store, ProjectionSettings settings)
    {
        _store = store;
        _settings = settings;
        Starting();
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(IProjection store, ProjectionSettings settings) =>
        Akka.Actor.Props.Create(() => new ProjectionRunner(store, settings));

    /// <summary>The runner under a backoff supervisor: restarted 1 s, 2 s, … up to 30 s after a failure. While it is
    /// stopped, questions are answered at once with <see cref="ProjectionRestarting"/> (not lost in dead letters).</summary>
    public static Props Supervised(IProjection store, ProjectionSettings settings) =>
        BackoffSupervisor.Props(Backoff.OnFailure(Props(store, settings), "runner",
                TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, -1)
            .WithReplyWhileStopped(new Status.Failure(new ProjectionRestarting(store.Name))));

    protected override void PreStart() =>
        _store.LoadOffsetAsync().PipeTo(Self, success: o => new OffsetLoaded(o));

    protected override void PostStop() => _killSwitch?.Shutdown();

    private void Starting()
    {
        Receive<OffsetLoaded>(loaded =>
        {
            if (loaded.Offset.Outdated)
            {
                // Tables written by another version of the code (an upgrade), or ahead of the journal: empty them and
                // project from zero.
                if (loaded.Offset.AheadOfJournal)
                    _log.Warning("Projection {0} stands at offset {1}, past the journal's last event: rebuilding it from the start of the journal",
                        _store.Name, loaded.Offset.Offset);
                else
                    _log.Warning("Projection {0} was written by another version of its code: rebuilding it from the start of the journal", _store.Name);
                _store.ResetAsync().PipeTo(Self, success: () => new ResetDone());
                Become(Running);
                Stash.UnstashAll();
                return;
            }
            _offset = loaded.Offset.Offset;
            _log.Info("Projection {0} starts at offset {1}", _store.Name, _offset);
            StartStream();
            Become(Running);
            Stash.UnstashAll();
        });
        Receive<Status.Failure>(f => throw new InvalidOperationException("The projection's offset could not be read.", f.Cause));
        ReceiveAny(_ => Stash.Stash());
    }

    private void Running()
    {
        Receive<BatchDone>(b =>
        {
            if (b.Generation != _generation) return;
            _offset = b.Offset;
            _lastEventAt = JournalTime(b.Timestamp);
            _projected += b.Count;
        });
        Receive<StreamEnded>(e =>
        {
            if (e.Generation != _generation) return;
            if (_rebuildRequesters.Count > 0)
            {
                _store.ResetAsync().PipeTo(Self, success: () => new ResetDone());
                return;
            }
            // A live query never ends by itself: the database failed. Stop; the backoff supervisor starts us again.
            throw new InvalidOperationException("The projection stream ended.", e.Error);
        });
        Receive<ResetDone>(_ =>
        {
            _offset = 0;
            _lastEventAt = null;
            _projected = 0;
            _rebuildStartedAt = DateTimeOffset.UtcNow;
            _log.Info("Projection {0} rebuilds from the start of the journal", _store.Name);
            StartStream();
            foreach (var requester in _rebuildRequesters) requester.Tell(new ProjectionRebuildStarted(_store.Name));
            _rebuildRequesters.Clear();
        });
        // A status whose backlog count failed (the database is away): the asker hears of it; the runner goes on.
        Receive<Status.Failure>(f => f.Cause is ProjectionStatusUnavailable,
            f => ((ProjectionStatusUnavailable)f.Cause).ReplyTo.Tell(new Status.Failure(f.Cause.InnerException ?? f.Cause)));
        Receive<Status.Failure>(f => throw new InvalidOperationException("The read model could not be reset.", f.Cause));
        Receive<RebuildProjection>(_ =>
        {
            // One rebuild at a time: a request while one is starting joins it and is answered with the others.
            _rebuildRequesters.Add(Sender);
            if (_rebuildRequesters.Count > 1) return;
            _killSwitch?.Shutdown(); // the batch in flight is written first, then the stream ends
        });
        Receive<GetProjectionStatus>(_ =>
        {
            var (replyTo, offset, lastEventAt, projected) = (Sender, _offset, _lastEventAt, _projected);
            _store.CountEventsAfterAsync(offset).PipeTo(Self, success: behind => new BacklogCounted(replyTo, offset, lastEventAt, projected, behind),
                failure: e => new Status.Failure(new ProjectionStatusUnavailable(replyTo, e)));
        });
        Receive<BacklogCounted>(c =>
        {
            if (c.Behind == 0 && _rebuildStartedAt is { } started && _rebuildRequesters.Count == 0)
            {
                _log.Info("Projection {0} rebuilt {1} events in {2:0.0} s", _store.Name, c.Projected, (DateTimeOffset.UtcNow - started).TotalSeconds);
                _rebuildStartedAt = null;
            }
            var lag = c.Behind == 0 || c.LastEventAt is null ? TimeSpan.Zero : DateTimeOffset.UtcNow - c.LastEventAt.Value;
            c.ReplyTo.Tell(new ProjectionStatus(_store.Name, c.Offset, c.LastEventAt, c.Behind, lag,
                Rebuilding: _rebuildRequesters.Count > 0 || _rebuildStartedAt is not null, c.Projected));
        });
    }

    private void StartStream()
    {
        var generation = ++_generation;
        var self = Self;
        var store = _store;
        var (killSwitch, done) = _settings.Source.Events(Context.System, store.Stream, _offset)
            .ViaMaterialized(KillSwitches.Single<EventEnvelope>(), Keep.Right)
            .GroupedWithin(_settings.BatchSize, _settings.BatchWindow)
            .SelectAsync(1, async events =>
            {
                var batch = events.ToList();
                var last = batch[^1];
                var offset = ((Sequence)last.Offset).Value;
                await store.ApplyAsync(batch, offset, DateTimeOffset.UtcNow);
                return new BatchDone(generation, offset, last.Timestamp, batch.Count);
            })
            .ToMaterialized(Sink.ForEach<BatchDone>(b => self.Tell(b)), Keep.Both)
            .Run(Context.Materializer());
        _killSwitch = killSwitch;
        done.PipeTo(self, success: _ => new StreamEnded(generation, null), failure: e => new StreamEnded(generation, e));
    }

    /// <summary>The journal's write time of an event: Akka.Persistence.Sql stores UTC ticks (Unix milliseconds read the
    /// same way if a journal ever stored those).</summary>
    private static DateTimeOffset JournalTime(long timestamp) => timestamp > 100_000_000_000_000L
        ? new DateTimeOffset(timestamp, TimeSpan.Zero)
        : DateTimeOffset.FromUnixTimeMilliseconds(timestamp);
}

/// <summary>The backlog count of a status query failed; carries who asked.</summary>
internal sealed class ProjectionStatusUnavailable(IActorRef replyTo, Exception cause) : Exception("The projection's backlog could not be counted.", cause)
{
    public IActorRef ReplyTo { get; } = replyTo;
}

/// <summary>The projection's runner failed and waits for its backoff to start it again (see the node's log for why).</summary>
public sealed class ProjectionRestarting(string name)
    : Exception($"The projection {name} failed and is waiting to be restarted; see the node's log.")
{
    public string Name { get; } = name;
}
