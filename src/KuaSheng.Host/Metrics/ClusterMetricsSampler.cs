using Akka.Actor;
using Akka.Cluster;
using KuaSheng.Api.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Host.Metrics;

/// <summary>
/// Every <see cref="Interval"/>, reads the cluster state this node holds and asks each of its shard regions for its own
/// figures (<see cref="ShardingLookup.Local"/>), and records them in <see cref="ClusterMetrics"/>. Registered after
/// the actor system, so that it has started. A region that does not answer keeps its last figures; nothing here stops
/// the node.
/// </summary>
public sealed class ClusterMetricsSampler(IServiceProvider services, ClusterMetrics metrics, ILogger<ClusterMetricsSampler> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var system = services.GetRequiredService<ActorSystem>();
        var sharding = services.GetRequiredService<ShardingLookup>();
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do await SampleAsync(system, sharding, stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task SampleAsync(ActorSystem system, ShardingLookup sharding, CancellationToken ct)
    {
        if (system.WhenTerminated.IsCompleted) return;
        metrics.RecordMembers(Cluster.Get(system).State);
        foreach (var typeName in sharding.TypeNames)
        {
            try
            {
                metrics.RecordRegion(typeName, await sharding.Local(typeName, ct));
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // Mostly AskTimeoutException (a busy or stopping region); never worth stopping the node for.
                logger.LogDebug("The {TypeName} shard region did not give its figures: {Reason}", typeName, e.Message);
            }
        }
    }
}
