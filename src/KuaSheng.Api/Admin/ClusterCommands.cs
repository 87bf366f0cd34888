using Akka.Actor;
using Akka.Cluster;
using KuaSheng.Domain.Access;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Api.Admin;

/// <summary>What became of a request to the cluster.</summary>
public enum ClusterCommandOutcome { Accepted, BadAddress, NoSuchMember }

/// <summary>
/// Asking a member to leave or marking it down (<see cref="ClusterAdminEndpoints.Leave"/>, <see cref="ClusterAdminEndpoints.Down"/>):
/// the one path of <c>POST /admin/cluster/leave|down</c> and of the console's 集群 screen. The caller must be allowed
/// (<see cref="AdminAccess.MayChangeCluster"/>, checked by both before calling); each request is written to the log with who
/// asked (the audit of cluster changes until issue 13.3's audit trail exists).
/// </summary>
public sealed class ClusterCommands(ActorSystem system, ILogger<ClusterCommands> log)
{
    public Cluster Cluster => Cluster.Get(system);

    public (ClusterCommandOutcome Outcome, Address? Address) Request(string action, string? addressText, Caller caller)
    {
        if (MemberAddress.Parse(addressText) is not { } address) return (ClusterCommandOutcome.BadAddress, null);
        var cluster = Cluster;
        if (!cluster.State.Members.Any(m => m.Address.Equals(address))) return (ClusterCommandOutcome.NoSuchMember, address);
        log.LogWarning("Cluster {Action} of {Member} asked by {Role} {Subject}", action, address, caller.Role, caller.Subject);
        if (action == ClusterAdminEndpoints.Leave) cluster.Leave(address);
        else cluster.Down(address);
        return (ClusterCommandOutcome.Accepted, address);
    }
}
