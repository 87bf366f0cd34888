using System.Security.Claims;
using KuaSheng.Api.Auth;
using KuaSheng.Domain.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KuaSheng.Console.Auth;

/// <summary>
/// Sign-in for the console: a cookie of its own (<see cref="Scheme"/>; the API keeps its bearer tokens), HttpOnly,
/// Secure when the request came over HTTPS, limited to <c>/console</c>, eight hours sliding; SameSite=Strict, or Lax when
/// the console signs in with the identity provider (<see cref="ConsoleOidc"/> says why). The cookie holds the same claims
/// a token carries (<see cref="TokenClaims"/>: sub, role, unit, units), so a page reads its caller with
/// <c>Caller.From(User)</c> exactly as an endpoint does and applies the same rules.
/// <para>Who signs in: in production the identity provider (统一身份认证, OpenID Connect: <see cref="ConsoleOidc"/>, whose
/// answer <see cref="ConsoleOidcSignIn"/> maps with the API's one rule to <see cref="Principal"/>'s claims); in dev
/// configurations also the dev page (<c>/console/signin</c>, <see cref="CallerShape"/>), as <c>POST /auth/dev-token</c>.
/// The sign-in page challenges the provider's scheme; signing out ends the provider's session too when the cookie came
/// from it.</para>
/// </summary>
public static class ConsoleAuth
{
    public const string Scheme = "KuaSheng.Console";
    public const string Policy = "console";
    public const string CookieName = "ks-console";
    public const string SignInPath = "/console/signin";
    public const string ForbiddenPath = "/console/forbidden";

    public static IServiceCollection AddConsoleAuth(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.Path = "/console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = ForbiddenPath;
            o.ReturnUrlParameter = "returnUrl";
            o.Events = new CookieAuthenticationEvents
            {
                // An htmx request (a polled list) whose session ended: tell htmx to load the sign-in page as a whole,
                // rather than swapping it into a table cell.
                OnRedirectToLogin = c => RedirectOrTellHtmx(c, SignInPath),
                OnRedirectToAccessDenied = c => RedirectOrTellHtmx(c, ForbiddenPath),
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => Caller.From(c.User) is not null));
        return services;
    }

    /// <summary>Where to go after signing in: <paramref name="returnUrl"/> when it is a local address under <c>/console</c>
    /// (<paramref name="isLocal"/>: <c>Url.IsLocalUrl</c>, which refuses <c>//host</c> and <c>/\host</c>), else the
    /// console's home. Anything else would make the sign-in an open redirect.</summary>
    public static string ReturnUrlOrHome(string? returnUrl, Func<string, bool> isLocal) =>
        returnUrl is { } url && isLocal(url) && (url == "/console" || url.StartsWith("/console/", StringComparison.Ordinal)
            || url.StartsWith("/console?", StringComparison.Ordinal)) ? url : "/console";

    /// <summary>The signed-in console user, with the claims of a token (<see cref="TokenIssuer"/>) for this identity.</summary>
    public static ClaimsPrincipal Principal(CallerIdentity identity)
    {
        var claims = new List<Claim> { new(TokenClaims.Subject, identity.Subject), new(TokenClaims.Role, identity.Role) };
        if (identity.Unit is { } unit) claims.Add(new Claim(TokenClaims.Unit, unit));
        claims.AddRange((identity.Units ?? []).Select(u => new Claim(TokenClaims.Units, u)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, TokenClaims.Subject, TokenClaims.Role));
    }

    private static Task RedirectOrTellHtmx(RedirectContext<CookieAuthenticationOptions> context, string path)
    {
        if (context.Request.Headers.ContainsKey("HX-Request"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers["HX-Redirect"] = path;
        }
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
