using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Cluster;

namespace KuaSheng.Api.Admin;

/// <param name="Address">The member's Akka address, <c>akka.tcp://kuasheng@HOST:PORT</c>.</param>
/// <param name="Status">Akka's member status in kebab-case: joining, weakly-up, up, leaving, exiting, down...</param>
/// <param name="Reachable">False while this node's failure detector (or another member's) marks it unreachable.</param>
public sealed record MemberView(string Address, string Status, IReadOnlyList<string> Roles, bool Reachable);

/// <param name="Self">The address of the node that answered.</param>
/// <param name="Leader">The cluster leader as this node sees it; null while there is none (e.g. while joining).</param>
public sealed record ClusterView(string Self, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Leader,
    IReadOnlyList<MemberView> Members)
{
    /// <summary>The cluster as this node's <see cref="Cluster.State"/> sees it, members in address order.</summary>
    public static ClusterView Of(Cluster cluster)
    {
        var state = cluster.State;
        var members = state.Members
            .Select(m => new MemberView(m.Address.ToString(), StatusName(m.Status), m.Roles.Order(StringComparer.Ordinal).ToList(),
                !state.Unreachable.Contains(m)))
            .ToList();
        return new ClusterView(cluster.SelfAddress.ToString(), state.Leader?.ToString(), members);
    }

    /// <summary>The API's enum convention (kebab-case), applied to Akka's enum so that a new Akka status shows as is.</summary>
    public static string StatusName(MemberStatus status) => JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());
}

/// <summary>Body of <c>POST /admin/cluster/leave</c> and <c>/down</c>.</summary>
/// <param name="Address">A member's address as <c>GET /admin/cluster</c> lists it: <c>akka.tcp://kuasheng@HOST:PORT</c>.</param>
public sealed record MemberAddressBody(string? Address);

/// <summary>What was asked of the cluster: <c>leave</c> or <c>down</c> for that member (done by the cluster afterwards).</summary>
public sealed record MemberCommandView(string Address, string Action);

/// <summary>The answer to <c>POST /admin/cluster/down-unreachable</c>: the members marked down (none when all were reachable).</summary>
public sealed record UnreachableDownedView(IReadOnlyList<string> Downed);
