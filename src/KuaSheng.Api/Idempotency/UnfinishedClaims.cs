using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Api.Idempotency;

/// <summary>
/// The bookkeeping of Idempotency-Key claims that failed because the database was away at the end of a request: the
/// release of a claim whose request failed (so that a retry may run) or the answer of one that succeeded (so that a
/// retry gets it). They are kept in memory and written again every <see cref="RetryInterval"/> until the database
/// takes them, and a retry with the same key settles its own first — a client retrying the same key is never held up
/// by the failure of the bookkeeping (before: 409 "still being processed" until the claim was abandoned, 2 min).
/// </summary>
public sealed class UnfinishedClaims(IdempotencyStore store, ClaimOwners owners, ILogger<UnfinishedClaims> log) : BackgroundService
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>What is still to be written for a claim: its answer, or (null) its release.</summary>
    private sealed record Pending(StoredAnswer? Answer);

    private readonly ConcurrentDictionary<(string Caller, string Key), Pending> _pending = new();

    public int Count => _pending.Count;

    /// <summary>The claim's release could not be written: write it later.</summary>
    public void ReleaseLater(string caller, string key) => _pending[(caller, key)] = new Pending(null);

    /// <summary>The claim's answer could not be written: write it later.</summary>
    public void CompleteLater(string caller, string key, StoredAnswer answer) => _pending[(caller, key)] = new Pending(answer);

    /// <summary>Writes what is pending for this key, if anything; throws when the database is still away.</summary>
    public async Task SettleAsync(string caller, string key, CancellationToken ct)
    {
        if (!_pending.TryGetValue((caller, key), out var pending)) return;
        await WriteAsync(caller, key, pending, ct);
        _pending.TryRemove(new KeyValuePair<(string, string), Pending>((caller, key), pending));
    }

    private Task WriteAsync(string caller, string key, Pending pending, CancellationToken ct) => pending.Answer is { } answer
        ? store.CompleteAsync(caller, key, answer, owners.Self, ct)
        : store.ReleaseAsync(caller, key, owners.Self, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RetryInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var ((caller, key), _) in _pending)
            {
                try
                {
                    await SettleAsync(caller, key, stoppingToken);
                }
                catch (Exception e) when (e is DbException or TimeoutException)
                {
                    log.LogDebug(e, "Idempotency records still not writable; {Count} claims wait", _pending.Count);
                    break; // the database is still away: try all of them again next time
                }
            }
        }
    }
}
