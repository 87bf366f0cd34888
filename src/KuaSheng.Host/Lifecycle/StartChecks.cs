using KuaSheng.Actors.Hosting;
using KuaSheng.Api;
using KuaSheng.Api.Public;
using KuaSheng.Console.Auth;
using Microsoft.Extensions.Configuration;

namespace KuaSheng.Host.Lifecycle;

/// <summary>Refuses to start a node whose settings cannot work or must not go together — dev features in a production
/// configuration, production without a cluster certificate or an identity provider (or with the dev signing key), a console client of
/// the identity provider without the provider or a secret, no query-code secret outside dev configurations, a missing
/// file — when the node is built, before any service (the actor system's among them) is created, with one message naming
/// every setting to fix: Program.cs prints it and exits with code 1.</summary>
internal static class StartChecks
{
    /// <exception cref="InvalidOperationException">The node must not start; the message says why.</exception>
    public static void Ensure(KuaShengOptions options, IConfiguration configuration)
    {
        var problems = Problems(options, configuration).ToList();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
    }

    /// <summary>What is wrong with these settings; empty when the node may start.</summary>
    public static IEnumerable<string> Problems(KuaShengOptions options, IConfiguration configuration)
    {
        if (options.Production && options.DevFeatures)
            yield return "KuaSheng:DevFeatures is on in a production configuration (KuaSheng:Production, on in production.json): " +
                "dev tokens would let anyone act in any role. Remove KuaSheng:DevFeatures / KuaSheng__DevFeatures from the " +
                "environment and the arguments.";
        if (options.Cluster.Tls.Problem() is { } tls) yield return tls;
        var authSettings = KuaShengApi.AuthSettingsOf(configuration);
        foreach (var auth in authSettings.Problems(options.Production)) yield return auth;
        var console = configuration.GetSection(ConsoleOidcSettings.Section).Get<ConsoleOidcSettings>() ?? new ConsoleOidcSettings();
        foreach (var problem in console.Problems(authSettings.Oidc)) yield return problem;
        if (QueryCodeSettings.From(configuration).Problem(options.DevFeatures, configuration["KuaSheng:Auth:SigningKey"]) is { } codes)
            yield return codes;
    }
}
