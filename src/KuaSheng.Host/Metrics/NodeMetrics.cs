using KuaSheng.Actors.Metrics;
using KuaSheng.Actors.ReadModel;
using KuaSheng.Api.Audit;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Public;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace KuaSheng.Host.Metrics;

/// <summary><c>GET /metrics</c> (Prometheus text, outside <c>/api/v1</c>) through OpenTelemetry: the read-model
/// projections' lag and backlog (<see cref="ProjectionMetrics"/>, e.g. <c>kuasheng_projection_lag_seconds</c>), what the
/// entities do (<see cref="EntityMetrics"/>: commands by type and result, persist latency and failures, deadlines missed,
/// the journal's circuit breaker as derived from the writes), the cluster and this node's shard regions
/// (<see cref="ClusterMetrics"/>), wrong query codes and locked cases of the public look-up (<see cref="PublicMetrics"/>:
/// <c>kuasheng_public_lockouts_total</c>), HTTP server durations by route, and the .NET runtime (GC, heap, thread pool).
/// Unauthenticated like the health probes: the figures carry no personal data, and a scraper on the operators' network
/// reads them.</summary>
public static class NodeMetrics
{
    public const string Path = "/metrics";

    /// <summary>Registers the exporter and the cluster sampler; call after the actor system is registered (the sampler
    /// starts after it).</summary>
    public static IServiceCollection AddNodeMetrics(this IServiceCollection services)
    {
        EntityMetrics.PublishCircuitGauge();
        services.AddSingleton<ClusterMetrics>();
        services.AddHostedService<ClusterMetricsSampler>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ProjectionMetrics.MeterName, EntityMetrics.MeterName, ClusterMetrics.MeterName, PublicMetrics.MeterName,
                AuthMetrics.MeterName, AuditMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapNodeMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(Path);
        return app;
    }
}
