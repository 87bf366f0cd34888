using Akka.Actor;
using Akka.Cluster.Sharding;

namespace KuaSheng.Api.Admin;

/// <summary>The sharding state could not be read now (no coordinator yet, or a region that did not report).</summary>
public sealed class ShardingUnavailable(string message) : Exception(message);

/// <summary>
/// Where shards and entities are, asked of the node's shard regions (Akka.Cluster.Sharding): the regions' shards with
/// their entity counts across the cluster (the coordinator's <see cref="GetClusterShardingStats"/>), and one entity's
/// shard (from the region's own message extractor, via <see cref="GetEntityLocation"/>: the hashing is not repeated
/// here), the node hosting that shard and whether the entity runs now; and this node's own shards with their entity
/// counts (<see cref="Local"/>, for the metrics).
/// </summary>
public sealed class ShardingLookup(ActorSystem system)
{
    /// <summary>How long the coordinator waits for each region's figures.</summary>
    public static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The sharded entity types this node runs a region (or proxy) for, in name order.</summary>
    public IReadOnlyList<string> TypeNames => ClusterSharding.Get(system).ShardTypeNames.Order(StringComparer.Ordinal).ToList();

    public bool Runs(string typeName) => ClusterSharding.Get(system).ShardTypeNames.Contains(typeName);

    /// <exception cref="ShardingUnavailable">No region is registered yet, or one did not report in time.</exception>
    /// <exception cref="AskTimeoutException">The region or its coordinator did not answer.</exception>
    public async Task<RegionView> Region(string typeName, CancellationToken ct)
    {
        var stats = await Stats(typeName, ct);
        var shards = stats.Regions
            .SelectMany(r => r.Value.Stats.Select(s => new ShardView(s.Key, r.Key.ToString(), s.Value)))
            .OrderBy(s => s.ShardId, ShardIdOrder.Instance).ThenBy(s => s.Address, StringComparer.Ordinal).ToList();
        var unanswered = stats.Regions
            .SelectMany(r => r.Value.Failed.Select(id => new UnansweredShardView(id, r.Key.ToString())))
            .OrderBy(s => s.ShardId, ShardIdOrder.Instance).ToList();
        return new RegionView(typeName, shards, unanswered);
    }

    /// <summary>The shards of <paramref name="typeName"/> hosted on this node and their running entities: the local
    /// region's own figures (<see cref="GetShardRegionStats"/>: no coordinator, no other node is asked). Empty on a node
    /// that only proxies the type; a shard that did not answer in time is in <see cref="ShardRegionStats.Failed"/>.</summary>
    /// <exception cref="AskTimeoutException">The region did not answer.</exception>
    public Task<ShardRegionStats> Local(string typeName, CancellationToken ct) =>
        ClusterSharding.Get(system).ShardRegion(typeName).Ask<ShardRegionStats>(GetShardRegionStats.Instance, AskTimeout, ct);

    /// <summary>The entity's shard, the node hosting it (null when not allocated) and whether it runs; null when the
    /// region's extractor gives the id no shard.</summary>
    public async Task<EntityLocationView?> Locate(string typeName, string entityId, CancellationToken ct)
    {
        var region = ClusterSharding.Get(system).ShardRegion(typeName);
        var location = await region.Ask<EntityLocation>(new GetEntityLocation(entityId, ResolveTimeout), AskTimeout, ct);
        if (string.IsNullOrEmpty(location.ShardId)) return null;
        var home = Known(location.ShardRegion) ? location.ShardRegion : await HomeFromStats(typeName, location.ShardId, ct);
        var alive = home is not null && await IsRunning(region, home, location.ShardId, entityId);
        return new EntityLocationView(typeName, entityId, location.ShardId, home?.ToString(), alive);
    }

    private async Task<ClusterShardingStats> Stats(string typeName, CancellationToken ct)
    {
        var region = ClusterSharding.Get(system).ShardRegion(typeName);
        var registered = await region.Ask<CurrentRegions>(GetCurrentRegions.Instance, AskTimeout, ct);
        if (registered.Regions.Count == 0)
            throw new ShardingUnavailable($"No shard region of {typeName} is registered with its coordinator yet.");
        var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(StatsTimeout), AskTimeout, ct);
        // The coordinator answers nothing at all when any one region misses the time limit.
        if (stats.Regions.Count == 0)
            throw new ShardingUnavailable($"A shard region of {typeName} did not report its shards within {StatsTimeout.TotalSeconds:0} s.");
        return stats;
    }

    /// <summary>A region that has not routed to the shard itself does not know its home: the coordinator's figures do.</summary>
    private async Task<Address?> HomeFromStats(string typeName, string shardId, CancellationToken ct)
    {
        var stats = await Stats(typeName, ct);
        return stats.Regions.FirstOrDefault(r => r.Value.Stats.ContainsKey(shardId) || r.Value.Failed.Contains(shardId)).Key;
    }

    /// <summary>Looks the entity actor up where sharding puts it (region / shard / entity, names escaped as the shard
    /// escapes them), on the home node: a small Identify instead of a region's whole entity list.</summary>
    private async Task<bool> IsRunning(IActorRef localRegion, Address home, string shardId, string entityId)
    {
        var path = new RootActorPath(home) / localRegion.Path.Elements / Uri.EscapeDataString(shardId) / Uri.EscapeDataString(entityId);
        try
        {
            await system.ActorSelection(path).ResolveOne(ResolveTimeout);
            return true;
        }
        catch (ActorNotFoundException)
        {
            return false;
        }
    }

    private static bool Known(Address? address) => address is not null && !address.Equals(Address.AllSystems);

    /// <summary>Shard ids are numbers as text: "9" before "10".</summary>
    private sealed class ShardIdOrder : IComparer<string>
    {
        public static readonly ShardIdOrder Instance = new();

        public int Compare(string? x, string? y) =>
            x?.Length != y?.Length ? (x?.Length ?? 0).CompareTo(y?.Length ?? 0) : string.CompareOrdinal(x, y);
    }
}
