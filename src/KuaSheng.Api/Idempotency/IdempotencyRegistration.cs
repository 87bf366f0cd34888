using Akka.Actor;
using KuaSheng.Actors.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KuaSheng.Api.Idempotency;

public static class IdempotencyRegistration
{
    /// <summary>The store (in the node's database: needs <see cref="KuaShengOptions"/>), the settings of
    /// <c>KuaSheng:Idempotency</c> and the cleanup. Times are wall-clock (<see cref="TimeProvider"/>), not the dev clock:
    /// moving the dev clock must not expire keys.</summary>
    public static IServiceCollection AddKuaShengIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(IdempotencySettings.Section).Get<IdempotencySettings>() ?? new IdempotencySettings();
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => IdempotencyStore.For(sp.GetRequiredService<KuaShengOptions>()));
        services.TryAddSingleton(sp => ClaimOwners.ForCluster(() => sp.GetRequiredService<ActorSystem>()));
        services.AddSingleton<UnfinishedClaims>();
        services.AddHostedService(sp => sp.GetRequiredService<UnfinishedClaims>());
        services.AddSingleton<IdempotencyCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<IdempotencyCleanup>());
        return services;
    }

    /// <summary>After authentication and authorization, before the endpoints.</summary>
    public static IApplicationBuilder UseKuaShengIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();
}
