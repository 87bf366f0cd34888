using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Actors.Hosting;

/// <summary>A fresh incarnation lifts the fence a survivor put on its address when its previous incarnation was downed
/// (<see cref="WriteFence"/>). Registered before the actor system, so it runs before the node joins; when the database
/// does not answer it tries again every 2 s in the background (the node's writes fail meanwhile, as they would anyway).</summary>
public sealed class WriteFenceLift(KuaShengOptions options, ILogger<WriteFenceLift> log) : IHostedService
{
    private readonly CancellationTokenSource _stop = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connectionString = KuaShengAkka.FencedConnectionString(options);
        var node = WriteFence.NodeName(options.Cluster.AddressHost, options.Cluster.Port);
        if (await TryLiftAsync(connectionString, node, cancellationToken)) return;
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(2), _stop.Token); } catch (OperationCanceledException) { return; }
                if (await TryLiftAsync(connectionString, node, _stop.Token)) return;
            }
        });
    }

    private async Task<bool> TryLiftAsync(string connectionString, string node, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await WriteFence.LiftAsync(connectionString, node, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("Could not lift a write fence of {Node} yet ({Reason}); trying again", node, e.GetType().Name);
            return false;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stop.Cancel();
        return Task.CompletedTask;
    }
}
