namespace KuaSheng.Api.Draining;

/// <summary>
/// Whether this node still takes API requests, and how many it is answering. Once the node leaves the cluster (an
/// operator's <c>ksctl cluster leave</c>, or SIGTERM) it begins to drain: every new request is refused at once with 503
/// and Retry-After (<see cref="DrainMiddleware"/>), so that a client retries elsewhere with the same Idempotency-Key,
/// and the requests in flight are answered before the node hands its shards over (<see cref="DrainOnLeave"/>).
/// Without it, steps sent in the first second of a leave were never answered: the client could not tell whether they
/// were done (issue 11's fault suite).
/// </summary>
public sealed class NodeDrain
{
    private int _inFlight;
    private volatile bool _draining;
    private readonly object _gate = new();
    private TaskCompletionSource _idle = Idle();

    public bool Draining => _draining;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>From now on new requests are refused; idempotent.</summary>
    public void Begin() => _draining = true;

    /// <summary>Counts a request in, or refuses it (false) while draining.</summary>
    public bool TryEnter()
    {
        lock (_gate)
        {
            if (_draining) return false;
            if (_inFlight++ == 0) _idle = Idle();
            return true;
        }
    }

    public void Exit()
    {
        lock (_gate)
        {
            if (--_inFlight == 0) _idle.TrySetResult();
        }
    }

    /// <summary>Completes when no request is in flight, or after <paramref name="atMost"/>; true when none is left.</summary>
    public async Task<bool> WaitForInFlightAsync(TimeSpan atMost)
    {
        Task idle;
        lock (_gate) idle = _inFlight == 0 ? Task.CompletedTask : _idle.Task;
        return await Task.WhenAny(idle, Task.Delay(atMost)) == idle;
    }

    private static TaskCompletionSource Idle() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
