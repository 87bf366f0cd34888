using KuaSheng.Actors.ReadModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace KuaSheng.Host.Metrics;

/// <summary><c>GET /metrics</c> (Prometheus text, outside <c>/api/v1</c>) through OpenTelemetry: the read-model
/// projections' lag and backlog (<see cref="ProjectionMetrics"/>, e.g. <c>kuasheng_projection_lag_seconds</c>), HTTP
/// server durations by route, and the .NET runtime (GC, heap, thread pool). Unauthenticated like the health probes:
/// the figures carry no personal data, and a scraper on the operators' network reads them.</summary>
public static class NodeMetrics
{
    public const string Path = "/metrics";

    public static IServiceCollection AddNodeMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ProjectionMetrics.MeterName)
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
