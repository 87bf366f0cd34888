using System.Text.Json.Serialization;

namespace KuaSheng.Api.Admin;

/// <param name="Address">The node whose shard region hosts the shard.</param>
/// <param name="Entities">Entities running in the shard now (passivated ones are not counted).</param>
public sealed record ShardView(string ShardId, string Address, int Entities);

/// <summary>A shard that did not report its entities in time: it exists, its count is unknown.</summary>
public sealed record UnansweredShardView(string ShardId, string Address);

/// <param name="TypeName">The sharded entity type: case, unit, waybill, reference, ticket.</param>
/// <param name="Unanswered">Shards that did not answer within the time limit (an addition to API.md; usually empty).</param>
public sealed record RegionView(string TypeName, IReadOnlyList<ShardView> Shards, IReadOnlyList<UnansweredShardView> Unanswered);

public sealed record ShardingView(IReadOnlyList<RegionView> Regions);

/// <param name="ShardId">The shard the entity belongs to, computed by the region's own message extractor.</param>
/// <param name="Address">The node hosting that shard; null when the shard is not allocated to any node yet.</param>
/// <param name="Alive">Whether the entity actor runs now (false when passivated or never started).</param>
public sealed record EntityLocationView(string TypeName, string EntityId, string ShardId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Address, bool Alive);
