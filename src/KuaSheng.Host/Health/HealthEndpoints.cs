using Akka.Cluster;
using KuaSheng.Host.Lifecycle;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KuaSheng.Host.Health;

/// <summary><c>GET /healthz</c> (the process answers) and <c>GET /readyz</c> (this node's member is Up and the journal
/// answers), outside <c>/api/v1</c>. Both JSON; /readyz answers 503 with a short reason when not ready.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapKuaShengHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Json(new HealthAnswer("alive", null)))
            .ExcludeFromDescription();
        endpoints.MapGet("/readyz", async (ActorSystemWatcher watcher, JournalProbe journal, CancellationToken cancellationToken) =>
            {
                var reason = ClusterReason(watcher) ?? await journal.CheckAsync(cancellationToken);
                return reason is null
                    ? Results.Json(new HealthAnswer("ready", null))
                    : Results.Json(new HealthAnswer("not-ready", reason), statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .ExcludeFromDescription();
        return endpoints;
    }

    private static string? ClusterReason(ActorSystemWatcher watcher)
    {
        var system = watcher.System;
        if (system is null) return "actor system not started";
        if (system.WhenTerminated.IsCompleted) return "actor system terminated";
        var self = Cluster.Get(system).SelfMember;
        return self.Status == MemberStatus.Up ? null : $"cluster member is {self.Status}, not Up";
    }

    public sealed record HealthAnswer(
        string Status,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Reason);
}
