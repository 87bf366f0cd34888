using Akka.Cluster.Sharding;

namespace KuaSheng.Actors.Hosting;

/// <summary>Entity id from the message's own id property; shards by hash. Sharding envelopes and StartEntity are
/// unwrapped by the base class (analyzer AK2001).</summary>
internal sealed class EntityExtractor(int maxShards, Func<object, string?> entityId) : HashCodeMessageExtractor(maxShards)
{
    public override string? EntityId(object message) => entityId(message);
}
