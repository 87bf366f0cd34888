using Akka.Actor;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Problems;
using KuaSheng.Domain.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KuaSheng.Api.Admin;

/// <summary>
/// Sharding for operators and supervisors (API.md, Admin): every region's shards with the node hosting each and its
/// running entities (<c>GET /admin/sharding</c>), and where one entity lives (<c>GET /admin/entities/{typeName}/{entityId}</c>).
/// Both ask the actor system; 503 when sharding does not answer in time.
/// </summary>
public static class ShardingAdminEndpoints
{
    public static RouteGroupBuilder MapShardingAdminEndpoints(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireAuthorization().WithTags("Admin");
        admin.MapGet("/sharding", Regions).WithSummary("Every shard region: its shards, the node of each and its running entities (operator, supervisor)")
            .Produces<ShardingView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        admin.MapGet("/entities/{typeName}/{entityId}", Locate)
            .WithSummary("Where an entity lives: its shard, the node hosting the shard, whether it runs now (operator, supervisor)")
            .Produces<EntityLocationView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static IResult? Refuse(HttpContext http) =>
        Caller.From(http.User) is { } caller && AdminAccess.MayReadCluster(caller)
            ? null
            : Problem.Forbidden("Only operators and supervisors read the sharding state.");

    private static async Task<IResult> Regions(HttpContext http, ShardingLookup sharding)
    {
        if (Refuse(http) is { } refused) return refused;
        try
        {
            var regions = await Task.WhenAll(sharding.TypeNames.Select(t => sharding.Region(t, http.RequestAborted)));
            return TypedResults.Ok(new ShardingView(regions));
        }
        catch (Exception e) when (e is AskTimeoutException or ShardingUnavailable)
        {
            return Unavailable(e);
        }
    }

    private static async Task<IResult> Locate(string typeName, string entityId, HttpContext http, ShardingLookup sharding)
    {
        if (Refuse(http) is { } refused) return refused;
        if (!sharding.Runs(typeName))
            return Problem.NotFound($"No entity type \"{ProblemText.Shown(typeName)}\" (there are {string.Join(", ", sharding.TypeNames)}).");
        try
        {
            return await sharding.Locate(typeName, entityId, http.RequestAborted) is { } location
                ? TypedResults.Ok(location)
                : Problem.Validation("entityId", $"The {ProblemText.Shown(typeName)} region gives no shard for \"{ProblemText.Shown(entityId)}\".");
        }
        catch (Exception e) when (e is AskTimeoutException or ShardingUnavailable)
        {
            return Unavailable(e);
        }
    }

    private static IResult Unavailable(Exception e) => Problem.Unavailable(e is ShardingUnavailable
        ? e.Message
        : $"Sharding did not answer within {ShardingLookup.AskTimeout.TotalSeconds:0} s (the coordinator may be moving to another node).");
}
