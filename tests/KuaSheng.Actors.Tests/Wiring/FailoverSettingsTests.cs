using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;

namespace KuaSheng.Actors.Tests.Wiring;

/// <summary>The failover timings reach Akka's own settings objects (a misspelt HOCON key would leave Akka's default: a
/// crashed node's cases unanswered for 25-35 s).</summary>
public sealed class FailoverSettingsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_node_detects_downs_and_hands_over_within_seconds()
    {
        await using var node = await Node.StartAsync(_dir);
        var cluster = Cluster.Get(node.System);
        var config = node.System.Settings.Config;

        Assert.Equal(TimeSpan.FromSeconds(3), config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        Assert.Equal(TimeSpan.FromSeconds(1.5), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(TimeSpan.FromSeconds(1), cluster.DowningProvider.DownRemovalMargin);
        Assert.Equal(TimeSpan.FromMilliseconds(500), cluster.Settings.UnreachableNodesReaperInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), cluster.Settings.LeaderActionsInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), cluster.Settings.GossipInterval);
        Assert.Contains("SplitBrainResolver", cluster.DowningProvider.GetType().Name);

        var sharding = ClusterShardingSettings.Create(node.System).TuningParameters;
        Assert.Equal(TimeSpan.FromMilliseconds(500), sharding.RetryInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), sharding.ShardFailureBackoff);
        Assert.Equal(TimeSpan.FromSeconds(2), sharding.EntityRestartBackoff);
        Assert.Equal(TimeSpan.FromSeconds(1), sharding.CoordinatorFailureBackoff);
        Assert.Equal(TimeSpan.FromSeconds(2), sharding.WaitingForStateTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), sharding.UpdatingStateTimeout);

        Assert.Equal(TimeSpan.FromMilliseconds(500), ClusterSingletonManagerSettings.Create(node.System).HandOverRetryInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), ClusterSingletonProxySettings.Create(node.System).SingletonIdentificationInterval);
    }

    [Fact]
    public async Task A_node_configuration_can_change_the_timings()
    {
        await using var node = await Node.StartAsync(_dir, configure: o => o.Cluster.Failover.StableAfter = TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromSeconds(7), node.System.Settings.Config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
    }
}
