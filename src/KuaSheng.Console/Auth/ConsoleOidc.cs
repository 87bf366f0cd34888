using KuaSheng.Api.Auth;
using KuaSheng.Api.Hardening;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace KuaSheng.Console.Auth;

/// <summary>
/// Production sign-in to the console (统一身份认证登录): ASP.NET Core's OpenID Connect handler, scheme <see cref="Scheme"/>,
/// against the provider the API trusts (<see cref="OidcSettings"/>), as the client <see cref="ConsoleOidcSettings"/>
/// names. Authorization code with PKCE, the code answered in the query of <see cref="CallbackPath"/> and redeemed at the
/// token endpoint with the client secret; the id_token is checked as the API checks the provider's tokens (keys from the
/// JWKS, algorithms, issuers, lifetime) with the client id as its audience, and its nonce against the browser's cookie.
/// Its claims become the console's cookie (<see cref="ConsoleAuth.Scheme"/>) through <see cref="ConsoleOidcSignIn"/>:
/// nothing of the provider's tokens is kept (<c>SaveTokens = false</c>, no inbound claim mapping).
/// </summary>
public static class ConsoleOidc
{
    public const string Scheme = "KuaSheng.Console.Oidc";
    public const string CallbackPath = "/console/signin-oidc";
    public const string SignedOutCallbackPath = "/console/signout-oidc";

    public static IServiceCollection AddConsoleOidc(this IServiceCollection services, ConsoleOidcSettings client, OidcSettings provider)
    {
        var enabled = client.Enabled(provider);
        services.AddSingleton(sp => new ConsoleProvider(enabled, enabled ? ConsoleProvider.OriginOf(provider.MetadataUrl) : null,
            sp.GetRequiredService<ILogger<ConsoleProvider>>()));
        if (!enabled) return services;
        services.AddAuthentication().AddOpenIdConnect(Scheme, o => Configure(o, client, provider));
        // The provider on another site sends the browser back here with a cross-site navigation: a SameSite=Strict cookie
        // set by that answer would not be sent with the redirect to the page that asked for the sign-in, which would send
        // the browser to sign in again, forever. Lax is sent with top-level GET navigations and never with a cross-site
        // POST; every form posts with an anti-forgery token, so Lax costs the forms nothing.
        services.PostConfigure<CookieAuthenticationOptions>(ConsoleAuth.Scheme, o => o.Cookie.SameSite = SameSiteMode.Lax);
        // As for the API's bearer tokens (ApiAuth): no "last known good" configuration, so that a key the provider
        // withdrew is not accepted after the keys are fetched again.
        services.PostConfigure<OpenIdConnectOptions>(Scheme, o =>
        {
            if (o.ConfigurationManager is BaseConfigurationManager manager) manager.UseLastKnownGoodConfiguration = false;
        });
        return services;
    }

    /// <summary>Lets the console's forms lead to the provider (<see cref="SecurityHeaders.ConsoleFormTargetsItemKey"/>): the
    /// sign-out form is answered with a redirect to its end-session endpoint.</summary>
    public static IApplicationBuilder UseProviderFormTarget(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (http.RequestServices.GetRequiredService<ConsoleProvider>().ProviderOrigin is { } origin)
                http.Items[SecurityHeaders.ConsoleFormTargetsItemKey] = origin;
            return next(http);
        });

    private static void Configure(OpenIdConnectOptions o, ConsoleOidcSettings client, OidcSettings provider)
    {
        o.SignInScheme = ConsoleAuth.Scheme;
        o.SignOutScheme = ConsoleAuth.Scheme;
        o.MetadataAddress = provider.MetadataUrl;
        if (!string.IsNullOrWhiteSpace(provider.Authority)) o.Authority = provider.Authority;
        // The start checks refuse plain http anywhere but on this machine.
        o.RequireHttpsMetadata = !provider.MetadataOnLoopbackHttp;
        o.RefreshInterval = provider.RefreshInterval;
        o.AutomaticRefreshInterval = provider.AutomaticRefreshInterval;
        o.ClientId = client.ClientId!.Trim();
        o.ClientSecret = client.Secret();
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        // The code in the query (the default of the code flow, which every provider supports) rather than a form posted
        // across sites: single use, bound to the PKCE verifier and redeemed with the client secret.
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.CallbackPath = CallbackPath;
        o.SignedOutCallbackPath = SignedOutCallbackPath;
        o.Scope.Clear();
        o.Scope.Add(OpenIdConnectScope.OpenId);
        foreach (var scope in client.Scopes.Select(s => s.Trim()).Where(s => s.Length > 0)) o.Scope.Add(scope);
        o.MapInboundClaims = false;
        o.SaveTokens = false;
        o.DisableTelemetry = true;
        o.GetClaimsFromUserInfoEndpoint = client.GetClaimsFromUserInfoEndpoint;
        // Of the userinfo answer only the claims the mapping reads, and only those the id_token did not give; no claim
        // of the id_token is removed or renamed (the mapping keeps only its own anyway).
        o.ClaimActions.Clear();
        foreach (var name in new[] { provider.Claims.Subject, provider.Claims.Role, provider.Claims.Unit, provider.Claims.Units }.Distinct())
            o.ClaimActions.MapUniqueJsonKey(name, name);
        o.TokenValidationParameters = provider.ValidationParameters([o.ClientId]);
        o.Events = ConsoleOidcSignIn.Events(provider);
    }
}
