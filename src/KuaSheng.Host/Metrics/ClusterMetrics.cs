using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using KuaSheng.Api.Admin;

namespace KuaSheng.Host.Metrics;

/// <summary>
/// The cluster as this node sees it and the shard regions on this node, as gauges of the meter <see cref="MeterName"/>:
/// members by status, unreachable members, and per region the shards hosted here and their running entities. The
/// gauges show the last sample (<see cref="ClusterMetricsSampler"/> takes one every few seconds), so a scrape never
/// waits for an ask; a region that stops answering keeps its last figures.
/// </summary>
public sealed class ClusterMetrics : IDisposable
{
    public const string MeterName = "KuaSheng.Cluster";

    /// <summary>Every status with its label, as <c>GET /admin/cluster</c> spells it.</summary>
    private static readonly (MemberStatus Status, string Label)[] Statuses =
        Enum.GetValues<MemberStatus>().Select(s => (s, ClusterView.StatusName(s))).ToArray();

    private readonly Meter _meter = new(MeterName);
    private readonly ConcurrentDictionary<string, (int Shards, int Entities)> _regions = new(StringComparer.Ordinal);
    private volatile MemberSample? _members;

    public ClusterMetrics()
    {
        _meter.CreateObservableGauge("kuasheng.cluster.members", MeasureMembers, "{member}",
            "Cluster members as this node sees them, by status (joining, weakly-up, up, leaving, exiting, down...).");
        _meter.CreateObservableGauge("kuasheng.cluster.unreachable_members",
            () => _members is { } sample ? [new Measurement<int>(sample.Unreachable)] : Array.Empty<Measurement<int>>(), "{member}",
            "Members this node (or another member) marks unreachable.");
        _meter.CreateObservableGauge("kuasheng.sharding.entities", () => MeasureRegions(r => r.Entities), "{entity}",
            "Entities running in this node's shard region, by region (passivated ones are not counted).");
        _meter.CreateObservableGauge("kuasheng.sharding.shards", () => MeasureRegions(r => r.Shards), "{shard}",
            "Shards hosted by this node's shard region, by region.");
    }

    public void RecordMembers(ClusterEvent.CurrentClusterState state) =>
        _members = new MemberSample(state.Members.GroupBy(m => m.Status).ToDictionary(g => g.Key, g => g.Count()), state.Unreachable.Count);

    /// <summary>The region's answer: shards that did not answer in time are left out of the counts.</summary>
    public void RecordRegion(string typeName, ShardRegionStats stats) => _regions[typeName] = (stats.Stats.Count, stats.Stats.Values.Sum());

    private IEnumerable<Measurement<int>> MeasureMembers()
    {
        if (_members is not { } sample) yield break;
        // Every status, 0 included: a series that drops out reads as "no data", not as "none".
        foreach (var (status, label) in Statuses)
            yield return new Measurement<int>(sample.ByStatus.GetValueOrDefault(status), new KeyValuePair<string, object?>("status", label));
    }

    private IEnumerable<Measurement<int>> MeasureRegions(Func<(int Shards, int Entities), int> value) =>
        _regions.Select(r => new Measurement<int>(value(r.Value), new KeyValuePair<string, object?>("region", r.Key)));

    public void Dispose() => _meter.Dispose();

    private sealed record MemberSample(IReadOnlyDictionary<MemberStatus, int> ByStatus, int Unreachable);
}
