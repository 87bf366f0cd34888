using System.Threading.RateLimiting;
using KuaSheng.Api.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KuaSheng.Api.Hardening;

/// <summary>
/// Per-client-address limits (ASP.NET Core's rate limiter, fixed windows partitioned by <see cref="ClientAddress"/>) on
/// every endpoint of the API that takes no token: the public look-up and rating under <see cref="PublicPolicy"/>, every
/// other one under <see cref="TokenLessPolicy"/> — given by <see cref="LimitTokenLess"/> to whatever anonymous endpoint
/// the API maps, so that a new one cannot be forgotten. A refusal is 429 <c>too-many-requests</c> with
/// <c>Retry-After</c>. Endpoints with a token are not limited per address: their callers are known and accountable.
/// </summary>
public static class RateLimits
{
    public const string PublicPolicy = "public";
    public const string TokenLessPolicy = "token-less";

    public static IServiceCollection AddKuaShengRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        services.AddSingleton(settings);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                return new ValueTask(Problem.TooManyRequests(
                    "Too many requests from your address; wait and try again (请求过于频繁，请稍后再试).", wait).ExecuteAsync(context.HttpContext));
            };
            options.AddPolicy(PublicPolicy, http => PerAddress(http, PublicPolicy, settings.Public));
            options.AddPolicy(TokenLessPolicy, http => PerAddress(http, TokenLessPolicy, settings.TokenLess));
        });
        return services;
    }

    /// <summary>Gives <see cref="TokenLessPolicy"/> to every endpoint of <paramref name="api"/> that allows anonymous
    /// callers and has no rate-limiting policy of its own; runs after the endpoints' own conventions.</summary>
    public static RouteGroupBuilder LimitTokenLess(this RouteGroupBuilder api)
    {
        ((IEndpointConventionBuilder)api).Finally(endpoint =>
        {
            var metadata = endpoint.Metadata;
            if (metadata.OfType<IAllowAnonymous>().Any() && !metadata.OfType<EnableRateLimitingAttribute>().Any())
                metadata.Add(new EnableRateLimitingAttribute(TokenLessPolicy));
        });
        return api;
    }

    /// <summary>Whether an endpoint with this metadata is limited per address (and may answer 429).</summary>
    public static bool IsLimited(IEnumerable<object> metadata) => metadata.OfType<EnableRateLimitingAttribute>().Any();

    private static RateLimitPartition<string> PerAddress(HttpContext http, string policy, WindowLimit limit)
    {
        var key = $"{policy}:{ClientAddress.Of(http)}";
        return limit.PermitLimit <= 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = limit.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
    }
}
