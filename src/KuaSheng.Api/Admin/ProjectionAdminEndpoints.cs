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
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

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

    /// <summary>The projections by name, each as its singleton proxy.</summary>
    private static IReadOnlyDictionary<string, IActorRef> Projections(IActorRegistry registry) => new Dictionary<string, IActorRef>(StringComparer.Ordinal)
    {
        [CaseReadModelStore.ProjectionName] = registry.Get<CaseProjectionKey>(),
        [TicketReadModelStore.ProjectionName] = registry.Get<TicketProjectionKey>(),
    };

    private static async Task<IResult> List(HttpContext http, IActorRegistry registry)
    {
        if (Caller.From(http.User) is not { } caller || !caller.Is(Roles.Operator, Roles.Supervisor))
            return Problem.Forbidden("Only operators and supervisors read the projections.");
        var views = new List<ProjectionView>();
        foreach (var (name, projection) in Projections(registry))
        {
            try
            {
                var s = await projection.Ask<ProjectionStatus>(new GetProjectionStatus(), AskTimeout, http.RequestAborted);
                views.Add(new ProjectionView(s.Name, s.Offset, s.LastEventAt, s.EventsBehind, Math.Round(s.Lag.TotalSeconds, 3), s.Rebuilding, s.EventsProjected));
            }
            catch (AskTimeoutException)
            {
                return Problem.Unavailable($"The projection {name} did not answer within {AskTimeout.TotalSeconds:0} s (starting, or moving to another node).");
            }
            catch (Exception e) when (e is ProjectionRestarting or System.Data.Common.DbException)
            {
                return Problem.Unavailable(e is ProjectionRestarting ? e.Message : $"The projection {name} could not count its backlog: the database did not answer.");
            }
        }
        return TypedResults.Ok(new ProjectionsView(views));
    }

    private static async Task<IResult> Rebuild(string name, HttpContext http, IActorRegistry registry)
    {
        if (Caller.From(http.User) is not { } caller || !caller.Is(Roles.Operator))
            return Problem.Forbidden("Only operators rebuild projections.");
        if (!Projections(registry).TryGetValue(name, out var projection))
            return Problem.NotFound($"No projection \"{name}\" (there are {string.Join(", ", Projections(registry).Keys)}).");
        try
        {
            // Answered once the tables are empty and the projection runs from zero; a rebuild already running is joined.
            var started = await projection.Ask<ProjectionRebuildStarted>(new RebuildProjection(), TimeSpan.FromSeconds(60), http.RequestAborted);
            return TypedResults.Accepted($"{KuaShengApi.Prefix}/admin/projections", new RebuildView(started.Name, "rebuilding"));
        }
        catch (AskTimeoutException)
        {
            return Problem.Unavailable($"The projection {name} did not confirm the rebuild within 60 s; see GET /admin/projections.");
        }
        catch (ProjectionRestarting e)
        {
            return Problem.Unavailable(e.Message);
        }
    }
}
