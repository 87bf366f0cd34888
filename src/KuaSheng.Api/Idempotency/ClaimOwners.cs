using Akka.Actor;
using Akka.Cluster;

namespace KuaSheng.Api.Idempotency;

/// <summary>Who holds an Idempotency-Key claim while its request runs: the node's incarnation (address and uid of its
/// cluster member), so that a claim left behind by a node that is no longer in the cluster (killed, downed, restarted:
/// a restart has another uid) is taken over at once instead of after <see cref="IdempotencySettings.AbandonedAfter"/>.
/// A claim of a member that is only unreachable is not taken over: it may wake and still answer.</summary>
public abstract class ClaimOwners
{
    /// <summary>This node's incarnation, as written into its claims.</summary>
    public abstract string Self { get; }

    /// <summary>True when <paramref name="owner"/> certainly runs no request any more.</summary>
    public abstract bool IsGone(string owner);

    /// <summary>Owners from the cluster membership of the node's actor system (resolved when first needed).</summary>
    public static ClaimOwners ForCluster(Func<ActorSystem> system) => new ClusterOwners(system);

    /// <summary>One process without a cluster (tests of the middleware alone): no other owner is ever known gone.</summary>
    public static ClaimOwners Local() => new LocalOwner();

    /// <summary>The incarnation name of a member: <c>akka.tcp://kuasheng@host:port#uid</c>.</summary>
    public static string Name(UniqueAddress member) => $"{member.Address}#{member.Uid}";

    private sealed class ClusterOwners(Func<ActorSystem> system) : ClaimOwners
    {
        private readonly Lazy<Cluster> _cluster = new(() => Cluster.Get(system()));

        public override string Self => Name(_cluster.Value.SelfUniqueAddress);

        public override bool IsGone(string owner)
        {
            var cluster = _cluster.Value;
            // Until this node is Up its view of the membership may still be incomplete: assume every owner alive.
            if (cluster.SelfMember.Status != MemberStatus.Up) return false;
            foreach (var member in cluster.State.Members)
                if (Name(member.UniqueAddress) == owner)
                    return member.Status is MemberStatus.Down or MemberStatus.Removed;
            return true;
        }
    }

    private sealed class LocalOwner : ClaimOwners
    {
        public override string Self { get; } = "local#" + Guid.NewGuid().ToString("N");
        public override bool IsGone(string owner) => false;
    }
}
