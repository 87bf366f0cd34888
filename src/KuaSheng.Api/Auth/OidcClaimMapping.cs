using System.Security.Claims;
using KuaSheng.Domain.Access;

namespace KuaSheng.Api.Auth;

/// <summary>
/// The one place where a provider's claims become the claims the API reads (<see cref="TokenClaims"/>, through
/// <see cref="CallerClaims"/>): subject, role, unit and units are taken from the claim names configured in
/// <see cref="OidcClaimNames"/>, role values translated by <see cref="OidcSettings.RoleValues"/>. Nothing else of the
/// provider's token is kept, so a provider claim that happens to be called <c>role</c> or <c>unit</c> but is not the one
/// configured cannot grant anything.
/// </summary>
public static class OidcClaimMapping
{
    public const string AuthenticationType = "oidc";

    public static ClaimsPrincipal Map(ClaimsPrincipal provider, OidcSettings settings)
    {
        var names = settings.Claims;
        var claims = new List<Claim>();
        if (Values(provider, names.Subject).FirstOrDefault() is { } subject) claims.Add(new Claim(TokenClaims.Subject, subject));
        // A provider may give several roles (of several applications): the first one that is a role of API.md.
        var role = Values(provider, names.Role)
            .Select(v => settings.RoleValues.TryGetValue(v, out var mapped) ? mapped : v)
            .FirstOrDefault(Roles.All.Contains);
        if (role is not null) claims.Add(new Claim(TokenClaims.Role, role));
        claims.AddRange(Values(provider, names.Unit).Select(u => new Claim(TokenClaims.Unit, u)));
        claims.AddRange(Values(provider, names.Units).Select(u => new Claim(TokenClaims.Units, u)));
        if (provider.FindFirst("iss") is { } issuer) claims.Add(new Claim("iss", issuer.Value));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, TokenClaims.Subject, TokenClaims.Role));
    }

    /// <summary>The claim's values, non-blank, in the token's order (a JSON array gives one claim per element).</summary>
    private static IEnumerable<string> Values(ClaimsPrincipal principal, string type) =>
        principal.FindAll(type).Select(c => c.Value.Trim()).Where(v => v.Length > 0);
}
