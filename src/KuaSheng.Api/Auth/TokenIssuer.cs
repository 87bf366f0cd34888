using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KuaSheng.Api.Auth;

/// <summary>Issues tokens with the node's key: dev tokens (POST /auth/dev-token, only where dev features are on),
/// and tokens for tests and the operator CLI in dev configurations.</summary>
public sealed class TokenIssuer(AuthSettings settings)
{
    private SigningCredentials Credentials => new(ApiAuth.Key(settings), SecurityAlgorithms.HmacSha256);

    public string Issue(string role, string subject, string? unit = null, IReadOnlyList<string>? units = null, TimeSpan? lifetime = null)
    {
        var claims = new Dictionary<string, object> { [TokenClaims.Role] = role, [TokenClaims.Subject] = subject };
        if (unit is not null) claims[TokenClaims.Unit] = unit;
        if (units is { Count: > 0 }) claims[TokenClaims.Units] = units.ToArray();
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? settings.DevTokenLifetime),
            SigningCredentials = Credentials,
        });
    }
}
