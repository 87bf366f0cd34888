using KuaSheng.Api.Admin;
using KuaSheng.Api.Audit;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Carrier;
using KuaSheng.Api.Draining;
using KuaSheng.Api.Hardening;
using KuaSheng.Api.Public;
using KuaSheng.Api.Calendar;
using KuaSheng.Api.Catalogue;
using KuaSheng.Api.Cases;
using KuaSheng.Api.Idempotency;
using KuaSheng.Api.Dev;
using KuaSheng.Api.OpenApi;
using KuaSheng.Api.Tickets;
using KuaSheng.Api.Units;
using KuaSheng.Api.Infrastructure;
using KuaSheng.Api.Json;
using KuaSheng.Api.Ledger;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KuaSheng.Api;

/// <summary>The HTTP API v1: services, middleware and routes. The host calls <see cref="AddKuaShengApi"/> and
/// <see cref="UseKuaShengApi"/>; everything lives under <c>/api/v1</c>.</summary>
public static class KuaShengApi
{
    public const string Prefix = "/api/v1";

    public static IServiceCollection AddKuaShengApi(this IServiceCollection services, IConfiguration configuration, bool devFeatures)
    {
        var auth = AuthSettingsOf(configuration);
        services.AddSingleton(auth);
        services.AddSingleton(new ApiFeatures(devFeatures));
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<CaseGateway>();
        services.AddSingleton<DeadlineRecountRunner>();
        services.AddQueryCodes(configuration, devFeatures);
        services.AddSingleton<CaseIds>();
        services.AddSingleton<CaseEndpointSupport>();
        services.AddSingleton<CaseIntake>();
        services.AddSingleton<ShardingLookup>();
        services.AddSingleton<ClusterCommands>();
        services.AddSingleton<ProjectionAdmin>();
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        // Binding failures (malformed JSON, unknown enum values, wrong content type) throw, so that
        // ApiErrorMiddleware answers them as problem details naming the field instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddApiAuth(auth, configuration.GetValue<bool>("KuaSheng:Production"));
        services.AddKuaShengRateLimits(configuration);
        services.AddKuaShengCors(configuration);
        services.AddKuaShengIdempotency(configuration);
        services.AddAuditTrail();
        services.AddSingleton<NodeDrain>();
        services.AddHostedService<DrainOnLeave>();
        services.AddCatalogueEndpoints();
        services.AddUnitEndpoints();
        services.AddCalendarEndpoints();
        services.AddDevEndpoints();
        services.AddTicketEndpoints();
        services.AddLedgerEndpoints();
        services.AddKuaShengOpenApi();
        return services;
    }

    /// <summary>The <c>KuaSheng:Auth</c> section (the host's start checks read it too).</summary>
    public static AuthSettings AuthSettingsOf(IConfiguration configuration) =>
        configuration.GetSection("KuaSheng:Auth").Get<AuthSettings>() ?? new AuthSettings();

    public static WebApplication UseKuaShengApi(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseMiddleware<DrainMiddleware>();
        app.UseKuaShengCors();
        app.UseRateLimiter();
        app.UseMiddleware<AuditMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseKuaShengIdempotency();
        var api = app.MapGroup(Prefix).LimitTokenLess();
        api.MapCaseEndpoints();
        api.MapCaseSearchEndpoints();
        api.MapCaseStepEndpoints();
        api.MapCarrierEndpoints();
        api.MapPublicEndpoints();
        api.MapCatalogueEndpoints();
        api.MapUnitEndpoints();
        api.MapCalendarEndpoints();
        api.MapDevEndpoints();
        api.MapTicketEndpoints();
        api.MapLedgerEndpoints();
        api.MapProjectionAdminEndpoints();
        api.MapClusterAdminEndpoints();
        api.MapShardingAdminEndpoints();
        api.MapAuditEndpoints();
        app.MapKuaShengOpenApi();
        return app;
    }
}

/// <summary>Switches that depend on the configuration in force.</summary>
/// <param name="DevFeatures">Dev tokens and the dev clock: only in the single-node and local-cluster configurations.</param>
public sealed record ApiFeatures(bool DevFeatures);
