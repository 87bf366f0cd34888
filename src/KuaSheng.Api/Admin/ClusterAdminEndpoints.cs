using Akka.Actor;
using Akka.Cluster;
using KuaSheng.Api.Audit;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Problems;
using KuaSheng.Domain.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KuaSheng.Api.Admin;

/// <summary>
/// The cluster for operators (API.md, Admin): the members as this node sees them (<c>GET /admin/cluster</c>, operator or
/// supervisor), and asking a member to leave gracefully or marking it down (<c>POST /admin/cluster/leave|down</c>,
/// operator). Leave and down are requests to the cluster: 202, and <c>GET /admin/cluster</c> shows them take effect.
/// </summary>
public static class ClusterAdminEndpoints
{
    public const string Leave = "leave";
    public const string Down = "down";
    public const string DownUnreachable = "down-unreachable";

    public static RouteGroupBuilder MapClusterAdminEndpoints(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/cluster").RequireAuthorization().WithTags("Admin").Audited();
        admin.MapGet("/", Show).WithSummary("The cluster's members: address, status, roles, reachable; self and leader (operator, supervisor)")
            .Produces<ClusterView>().ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapPost("/leave", (MemberAddressBody body, HttpContext http, ClusterCommands commands) => Command(Leave, body, http, commands))
            .WithSummary("Ask a member to leave the cluster gracefully: its shards and singletons move first (operator)")
            .Produces<MemberCommandView>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/down", (MemberAddressBody body, HttpContext http, ClusterCommands commands) => Command(Down, body, http, commands))
            .WithSummary("Mark a member down, e.g. a crashed node the cluster still waits for; its shards restart elsewhere (operator)")
            .Produces<MemberCommandView>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/down-unreachable", DownAllUnreachable)
            .WithSummary("Mark down every member this node cannot reach, as an operator decides instead of the split-brain resolver (operator)")
            .Produces<UnreachableDownedView>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    /// <summary>Downs the members this node sees unreachable (not itself, not ones already down or gone); answers which.</summary>
    private static IResult DownAllUnreachable(HttpContext http, ActorSystem system)
    {
        if (Caller.From(http.User) is not { } caller || !AdminAccess.MayChangeCluster(caller))
            return Problem.Forbidden("Only operators mark members down.");
        var cluster = Cluster.Get(system);
        var downed = cluster.State.Unreachable
            .Where(m => !m.Address.Equals(cluster.SelfAddress) && m.Status is not (MemberStatus.Down or MemberStatus.Removed))
            .Select(m => m.Address)
            .ToList();
        http.SetAuditTarget(string.Join(' ', downed.Select(a => a.ToString()).Order(StringComparer.Ordinal)));
        foreach (var address in downed) cluster.Down(address);
        return TypedResults.Accepted($"{KuaShengApi.Prefix}/admin/cluster",
            new UnreachableDownedView(downed.Select(a => a.ToString()).Order(StringComparer.Ordinal).ToList()));
    }

    private static IResult Show(HttpContext http, ActorSystem system)
    {
        if (Caller.From(http.User) is not { } caller || !AdminAccess.MayReadCluster(caller))
            return Problem.Forbidden("Only operators and supervisors read the cluster.");
        return TypedResults.Ok(ClusterView.Of(Cluster.Get(system)));
    }

    private static IResult Command(string action, MemberAddressBody body, HttpContext http, ClusterCommands commands)
    {
        http.SetAuditTarget(body.Address);
        if (Caller.From(http.User) is not { } caller || !AdminAccess.MayChangeCluster(caller))
            return Problem.Forbidden($"Only operators make a member {action}.");
        var (outcome, address) = commands.Request(action, body.Address, caller);
        return outcome switch
        {
            ClusterCommandOutcome.BadAddress => Problem.Validation("address",
                $"The member's address, as GET /admin/cluster lists it (akka.tcp://kuasheng@HOST:PORT), not \"{ProblemText.Shown(body.Address)}\"."),
            ClusterCommandOutcome.NoSuchMember => Problem.NotFound($"No member {ProblemText.Shown(address?.ToString())} in this cluster (see GET /admin/cluster)."),
            _ => TypedResults.Accepted($"{KuaShengApi.Prefix}/admin/cluster", new MemberCommandView(address!.ToString(), action)),
        };
    }
}
