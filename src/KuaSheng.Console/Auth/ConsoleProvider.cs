using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KuaSheng.Console.Auth;

/// <summary>What the console's pages know of the identity provider: whether they sign in with it
/// (<see cref="ConsoleOidcSettings.Enabled"/>), its origin, and whether a sign-out ends the session there too.</summary>
public sealed class ConsoleProvider(bool enabled, string? origin, ILogger<ConsoleProvider> log)
{
    public bool Enabled => enabled;

    /// <summary>The provider's origin (<c>https://idp.example</c>): the one other place the console's forms may lead, for
    /// the sign-out form's redirect to the end-session endpoint (<see cref="Api.Hardening.SecurityHeaders.ConsoleFormTargetsItemKey"/>).</summary>
    public string? ProviderOrigin => origin;

    /// <summary>Whether a sign-out should also end the session at the provider: its metadata names an end-session
    /// endpoint on <see cref="ProviderOrigin"/> (the only other origin the console's forms may lead to). A provider that
    /// cannot be reached leaves the sign-out local.</summary>
    public async Task<bool> EndsSessionAtProviderAsync(HttpContext http)
    {
        if (!enabled) return false;
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(ConsoleOidc.Scheme);
        try
        {
            var configuration = options.ConfigurationManager is { } manager ? await manager.GetConfigurationAsync(http.RequestAborted) : null;
            var endpoint = configuration?.EndSessionEndpoint;
            if (string.IsNullOrEmpty(endpoint)) return false;
            if (OriginOf(endpoint) == origin) return true;
            log.LogWarning("The provider's end_session_endpoint is on another origin than its metadata; the console signs out locally only");
            return false;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or OperationCanceledException)
        {
            log.LogWarning(e, "The provider's metadata could not be read; the console signs out locally only");
            return false;
        }
    }

    public static string? OriginOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
