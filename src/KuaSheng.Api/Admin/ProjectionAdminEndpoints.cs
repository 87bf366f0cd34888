using Akka.Actor;
using Akka.Hosting;
using KuaSheng.Actors.ReadModel;
using KuaSheng.Api.Audit;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Problems;
using KuaSheng.Domain.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KuaSheng.Api.Admin;

/// <param name="LagSeconds">How old the newest projected event is while the projection is behind; 0 when caught up.</param>
/// <param name="EventsBehind">Tagged events not projected yet, counted up to 10,001.</param>
public sealed record ProjectionView(string Name, long Offset, DateTimeOffset? LastEventAt, long EventsBehind, double LagSeconds,
    bool Rebuilding, long EventsProjected);

public sealed record ProjectionsView(IReadOnlyList<ProjectionView> Projections);

public sealed record RebuildView(string Name, string Status);

/// <summary>
/// The read-model projections for operators (an addition to API.md's admin section): where each stands and its lag
/// (<c>GET /admin/projections</c>, operator or supervisor), and a rebuild from the start of the journal
/// (<c>POST /admin/projections/{name}/rebuild</c>, operator): the tables are emptied and filled again while the
/// service goes on; reads show fewer rows until the rebuild catches up.
/// </summary>
public static class ProjectionAdminEndpoints
{
    public static RouteGroupBuilder MapProjectionAdminEndpoints(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/projections").RequireAuthorization().WithTags("Admin");
        admin.MapGet("/", List).WithSummary("The read-model projections: offset, events behind, lag (operator, supervisor)")
            .Produces<ProjectionsView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        admin.MapPost("/{name}/rebuild", Rebuild).Audited().WithSummary("Rebuild a projection from the start of the journal (operator)")
            .Produces<RebuildView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<IResult> List(HttpContext http, ProjectionAdmin projections)
    {
        if (Caller.From(http.User) is not { } caller || !AdminAccess.MayReadCluster(caller))
            return Problem.Forbidden("Only operators and supervisors read the projections.");
        try
        {
            return TypedResults.Ok(new ProjectionsView(await projections.ListAsync(http.RequestAborted)));
        }
        catch (ProjectionsUnavailable e)
        {
            return Problem.Unavailable(e.Message);
        }
    }

    private static async Task<IResult> Rebuild(string name, HttpContext http, ProjectionAdmin projections)
    {
        if (Caller.From(http.User) is not { } caller || !AdminAccess.MayChangeCluster(caller))
            return Problem.Forbidden("Only operators rebuild projections.");
        try
        {
            return await projections.RebuildAsync(name, caller, http.RequestAborted) is { } started
                ? TypedResults.Accepted($"{KuaShengApi.Prefix}/admin/projections", started)
                : Problem.NotFound($"No projection \"{ProblemText.Shown(name)}\" (there are {string.Join(", ", projections.Names)}).");
        }
        catch (ProjectionsUnavailable e)
        {
            return Problem.Unavailable(e.Message);
        }
    }
}
