using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Api.Idempotency;

/// <summary>Creates <c>api_idempotency</c> at start (retried while the database is not reachable; the node starts
/// regardless) and deletes rows older than the retention every <see cref="IdempotencySettings.CleanupInterval"/>.</summary>
public sealed class IdempotencyCleanup(IdempotencyStore store, IdempotencySettings settings, TimeProvider time, ILogger<IdempotencyCleanup> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = settings.CleanupInterval;
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Never let it escape: a failed background service stops the host, and this one is not worth a node.
                log.LogWarning(e, "Idempotency cleanup failed; trying again shortly");
                next = TimeSpan.FromSeconds(Math.Min(30, settings.CleanupInterval.TotalSeconds));
            }
            try
            {
                await Task.Delay(next, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Deletes the rows older than the retention, as of now; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var deleted = await store.PurgeAsync(time.GetUtcNow() - settings.EffectiveRetention, ct);
        if (deleted > 0) log.LogInformation("Idempotency cleanup deleted {Count} keys older than {Retention}", deleted, settings.EffectiveRetention);
        return deleted;
    }
}
