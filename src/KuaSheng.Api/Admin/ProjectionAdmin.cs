using Akka.Actor;
using Microsoft.Extensions.Logging;
using Akka.Hosting;
using KuaSheng.Actors.ReadModel;

namespace KuaSheng.Api.Admin;

/// <summary>The projections could not be read or rebuilt now; the message says why (for a 503 or the console's notice).</summary>
public sealed class ProjectionsUnavailable(string message) : Exception(message);

/// <summary>
/// The read-model projections as operators see them: where each stands and its lag, and a rebuild from the start of
/// the journal — the one path of <c>GET /admin/projections</c>, <c>POST /admin/projections/{name}/rebuild</c> and the
/// console's 集群 screen. Callers check <c>AdminAccess</c> first; a rebuild is written to the log with who asked.
/// </summary>
public sealed class ProjectionAdmin(IActorRegistry registry, ILogger<ProjectionAdmin> log)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RebuildTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The projections by name, each as its singleton proxy.</summary>
    private IReadOnlyDictionary<string, IActorRef> Projections => new Dictionary<string, IActorRef>(StringComparer.Ordinal)
    {
        [CaseReadModelStore.ProjectionName] = registry.Get<CaseProjectionKey>(),
        [TicketReadModelStore.ProjectionName] = registry.Get<TicketProjectionKey>(),
    };

    public IReadOnlyCollection<string> Names => [.. Projections.Keys];

    /// <exception cref="ProjectionsUnavailable">A projection did not answer in time or could not count its backlog.</exception>
    public async Task<IReadOnlyList<ProjectionView>> ListAsync(CancellationToken ct)
    {
        var views = new List<ProjectionView>();
        foreach (var (name, projection) in Projections)
        {
            try
            {
                var s = await projection.Ask<ProjectionStatus>(new GetProjectionStatus(), AskTimeout, ct);
                views.Add(new ProjectionView(s.Name, s.Offset, s.LastEventAt, s.EventsBehind, Math.Round(s.Lag.TotalSeconds, 3), s.Rebuilding, s.EventsProjected));
            }
            catch (AskTimeoutException)
            {
                throw new ProjectionsUnavailable($"The projection {name} did not answer within {AskTimeout.TotalSeconds:0} s (starting, or moving to another node).");
            }
            catch (Exception e) when (e is ProjectionRestarting or System.Data.Common.DbException)
            {
                throw new ProjectionsUnavailable(e is ProjectionRestarting ? e.Message : $"The projection {name} could not count its backlog: the database did not answer.");
            }
        }
        return views;
    }

    /// <summary>Starts a rebuild (answered once the tables are empty and the projection runs from zero; a rebuild already
    /// running is joined); null when there is no projection of that name.</summary>
    /// <exception cref="ProjectionsUnavailable">The projection did not confirm in time, or is restarting.</exception>
    public async Task<RebuildView?> RebuildAsync(string name, Domain.Access.Caller caller, CancellationToken ct)
    {
        if (!Projections.TryGetValue(name, out var projection)) return null;
        log.LogWarning("Projection {Projection} rebuild asked by {Role} {Subject}", name, caller.Role, caller.Subject);
        try
        {
            var started = await projection.Ask<ProjectionRebuildStarted>(new RebuildProjection(), RebuildTimeout, ct);
            return new RebuildView(started.Name, "rebuilding");
        }
        catch (AskTimeoutException)
        {
            throw new ProjectionsUnavailable($"The projection {name} did not confirm the rebuild within {RebuildTimeout.TotalSeconds:0} s; see GET /admin/projections.");
        }
        catch (ProjectionRestarting e)
        {
            throw new ProjectionsUnavailable(e.Message);
        }
    }
}
