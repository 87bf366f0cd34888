using KuaSheng.Actors.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KuaSheng.Api.Audit;

public static class AuditRegistration
{
    /// <summary>The audit trail in the node's database (needs <see cref="KuaShengOptions"/>) and its queue, whose writer
    /// runs as a hosted service.</summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => AuditTrail.For(sp.GetRequiredService<KuaShengOptions>()));
        services.AddSingleton<AuditQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditQueue>());
        return services;
    }
}
