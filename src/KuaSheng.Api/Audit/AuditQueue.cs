using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Api.Audit;

/// <summary>
/// Audit records on their way to <see cref="AuditTrail"/>, written off the request path by one background writer in
/// batches. Bounded (<see cref="Capacity"/>): a node whose database is slow or down does not grow its memory without
/// end; when the queue is full, <see cref="RecordAsync"/> waits for room — back-pressure on the requests being audited
/// (admin writes and refused admin requests, a small share of the traffic) — up to <see cref="EnqueueTimeout"/>. A record
/// is never lost silently: one that cannot be queued or stored (after three tries) is logged at Error with its fields and
/// counted (<see cref="AuditMetrics"/>). At stop the queue is closed and what it holds is written before the node exits.
/// </summary>
public sealed class AuditQueue(AuditTrail trail, ILogger<AuditQueue> log) : IHostedService
{
    public const int Capacity = 4096;
    public const int BatchSize = 200;
    public static readonly TimeSpan EnqueueTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)];

    private readonly Channel<AuditEntry> _queue = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    public async ValueTask RecordAsync(AuditEntry entry)
    {
        if (_queue.Writer.TryWrite(entry)) return;
        using var timeout = new CancellationTokenSource(EnqueueTimeout);
        try
        {
            await _queue.Writer.WriteAsync(entry, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Lost("queue-full", [entry], null);
        }
        catch (ChannelClosedException)
        {
            Lost("stopped", [entry], null);
        }
    }

    private Task? _writer;

    /// <summary>The writer, for tests: done once the queue is closed and written out.</summary>
    public Task? Writer => _writer;

    // Not a BackgroundService: its loop starts on the thread pool with the stop token, and a stop that comes before the
    // pool ran it cancels the loop unrun, losing what is queued. This loop is not cancelled: it ends when StopAsync
    // closes the queue and everything in it is written (or logged as lost).
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _writer = Task.Run(WriteLoop, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task WriteLoop()
    {
        var batch = new List<AuditEntry>(BatchSize);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var entry)) batch.Add(entry);
            await WriteAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<AuditEntry> batch)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await trail.AppendAsync(batch, timeout.Token);
                AuditMetrics.Written(batch.Count);
                return;
            }
            catch (Exception e) when (attempt < RetryDelays.Length)
            {
                log.LogWarning(e, "Audit records not stored yet ({Count}), trying again", batch.Count);
                await Task.Delay(RetryDelays[attempt]);
            }
            catch (Exception e)
            {
                Lost("write-failed", batch, e);
                return;
            }
        }
    }

    private void Lost(string reason, IReadOnlyList<AuditEntry> entries, Exception? error)
    {
        AuditMetrics.Lost(reason, entries.Count);
        foreach (var e in entries)
            log.LogError(error, "Audit record lost ({Reason}): {Operation} {Target} by {AuditSubject} ({Role}, {Unit}) from {ClientAddress} at {At:O}: {Status} {Code}",
                reason, e.Operation, e.Target, e.Subject, e.Role, e.Unit, e.ClientAddress, e.At, e.Status, e.ProblemCode);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_writer is null) return;
        try
        {
            await _writer.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host will not wait longer: what is still queued is lost, and said so.
            var left = new List<AuditEntry>();
            while (_queue.Reader.TryRead(out var entry)) left.Add(entry);
            if (left.Count > 0) Lost("stopped", left, null);
        }
    }
}
