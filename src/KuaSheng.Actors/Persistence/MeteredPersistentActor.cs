using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence;
using KuaSheng.Actors.Metrics;

namespace KuaSheng.Actors.Persistence;

/// <summary>
/// A persistent entity measured for operators (<see cref="EntityMetrics"/>, tag <c>entity</c> = <paramref name="kind"/>):
/// its writes go through <see cref="PersistMeasured{T}"/> / <see cref="PersistAllMeasured{T}"/> /
/// <see cref="PersistAsyncMeasured{T}"/>, timed from the call to the handler; failed and rejected writes are counted
/// in <see cref="OnPersistFailure"/> / <see cref="OnPersistRejected"/>; a command's reply goes through
/// <see cref="Answer"/>, which counts it by command type and result. Everything is counted before the reply is sent,
/// so a caller that has its answer finds it counted: an entity that overrides the failure handlers calls base first.
/// </summary>
public abstract class MeteredPersistentActor(string kind) : ReceivePersistentActor
{
    protected void PersistMeasured<T>(T @event, Action<T> handler)
    {
        var started = Stopwatch.GetTimestamp();
        Persist(@event, e =>
        {
            EntityMetrics.Persisted(kind, started);
            handler(e);
        });
    }

    protected void PersistAsyncMeasured<T>(T @event, Action<T> handler)
    {
        var started = Stopwatch.GetTimestamp();
        PersistAsync(@event, e =>
        {
            EntityMetrics.Persisted(kind, started);
            handler(e);
        });
    }

    /// <summary>One write of all <paramref name="events"/>: measured once, when the last one's handler runs.</summary>
    protected void PersistAllMeasured<T>(IReadOnlyCollection<T> events, Action<T> handler)
    {
        var started = Stopwatch.GetTimestamp();
        var left = events.Count;
        PersistAll(events, e =>
        {
            if (--left == 0) EntityMetrics.Persisted(kind, started);
            handler(e);
        });
    }

    /// <summary>Counts <paramref name="reply"/> as the answer to <paramref name="command"/>, then sends it.</summary>
    protected void Answer(IActorRef replyTo, object command, object reply)
    {
        EntityMetrics.Answered(kind, command, reply);
        replyTo.Tell(reply);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        EntityMetrics.PersistFailed(kind, cause);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        EntityMetrics.PersistRejected(kind);
        base.OnPersistRejected(cause, @event, sequenceNr);
    }
}
