using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace KuaSheng.Api.Auth;

/// <summary>
/// The first token signed with a key the provider has just published. The handler's ConfigurationManager fetches the JWKS
/// again for an unknown <c>kid</c> (<see cref="JwtBearerOptions.RefreshOnIssuerKeyNotFound"/>), but in the background:
/// the request that asked for it would be refused. This waits for that fetch (at most <see cref="Wait"/>, and at most
/// once per <see cref="OidcSettings.RefreshInterval"/>, as the manager itself fetches: made-up <c>kid</c>s are refused at
/// once) and validates the token again against the new keys with the same parameters — algorithms, issuer, audience,
/// lifetime — so the first token of a rotation is accepted like the ones after it.
/// </summary>
internal sealed class RotatedKeyRetry(OidcSettings settings)
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(3);

    private long _lastWaitTicks = long.MinValue;

    public async Task TryAsync(AuthenticationFailedContext context)
    {
        if (context.Exception is not SecurityTokenSignatureKeyNotFoundException) return;
        if (context.Options.ConfigurationManager is not { } manager) return;
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastWaitTicks);
        if (last != long.MinValue && now - last < settings.RefreshInterval.TotalMilliseconds) return;
        if (Interlocked.CompareExchange(ref _lastWaitTicks, now, last) != last) return;

        var ct = context.HttpContext.RequestAborted;
        var before = await manager.GetConfigurationAsync(ct);
        var current = before;
        for (var waited = TimeSpan.Zero; ReferenceEquals(current, before) && waited < Wait; waited += TimeSpan.FromMilliseconds(50))
        {
            await Task.Delay(50, ct);
            current = await manager.GetConfigurationAsync(ct);
        }
        if (ReferenceEquals(current, before) || Token(context) is not { } token) return;

        var parameters = context.Options.TokenValidationParameters.Clone();
        parameters.ConfigurationManager = null;
        parameters.IssuerSigningKeys = current.SigningKeys;
        if (parameters.ValidIssuer is null && parameters.ValidIssuers is null) parameters.ValidIssuer = current.Issuer;
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, parameters);
        if (!result.IsValid) return;
        context.Principal = OidcClaimMapping.Map(new ClaimsPrincipal(result.ClaimsIdentity), settings);
        context.Success();
    }

    private static string? Token(AuthenticationFailedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
