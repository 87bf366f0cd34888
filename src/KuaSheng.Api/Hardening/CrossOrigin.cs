using KuaSheng.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace KuaSheng.Api.Hardening;

/// <summary>
/// Cross-origin requests from browsers (CORS): off unless <c>KuaSheng:Cors:Origins</c> lists the web origins allowed
/// (e.g. <c>https://zwfw.cq.gov.cn</c>), so a page elsewhere cannot read answers with a user's token. Allowed origins
/// may send the API's own headers (Authorization, Content-Type, Idempotency-Key) and read Location and Retry-After;
/// no cookies are involved (tokens travel in the Authorization header), so credentials stay off.
/// </summary>
public static class CrossOrigin
{
    public const string Section = "KuaSheng:Cors:Origins";

    public static string[] Origins(IConfiguration configuration) =>
        (configuration.GetSection(Section).Get<string[]>() ?? []).Select(o => o.Trim().TrimEnd('/')).Where(o => o.Length > 0).ToArray();

    public static IServiceCollection AddKuaShengCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = Origins(configuration);
        if (origins.Length == 0) return services;
        services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders(HeaderNames.Authorization, HeaderNames.ContentType, ApiHeaders.IdempotencyKey)
            .WithExposedHeaders(HeaderNames.Location, HeaderNames.RetryAfter, Idempotency.IdempotencyMiddleware.ReplayedHeader)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }

    /// <summary>Answers preflights and adds the CORS headers, only when origins are configured.</summary>
    public static WebApplication UseKuaShengCors(this WebApplication app)
    {
        if (Origins(app.Configuration).Length > 0) app.UseCors();
        return app;
    }
}
