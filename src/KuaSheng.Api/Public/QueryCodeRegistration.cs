using KuaSheng.Actors.Hosting;
using KuaSheng.Api.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KuaSheng.Api.Public;

public static class QueryCodeRegistration
{
    /// <summary>The settings of <c>KuaSheng:QueryCodes</c>, the codes (secrets resolved when first needed: a node without
    /// one is refused at start by the host's checks, with <see cref="QueryCodeSettings.Problem"/>), the failure records
    /// in the node's database (needs <see cref="KuaShengOptions"/>) and the check.</summary>
    public static IServiceCollection AddQueryCodes(this IServiceCollection services, IConfiguration configuration, bool devFeatures)
    {
        var settings = QueryCodeSettings.From(configuration);
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new QueryCodes(settings.Resolve(devFeatures, sp.GetRequiredService<AuthSettings>().SigningKey)));
        services.AddSingleton(sp => QueryCodeFailures.For(sp.GetRequiredService<KuaShengOptions>()));
        services.AddSingleton<QueryCodeCheck>();
        services.AddSingleton<PublicCaseGate>();
        return services;
    }
}
