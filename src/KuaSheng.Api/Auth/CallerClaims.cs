using System.Security.Claims;
using KuaSheng.Domain.Access;

namespace KuaSheng.Api.Auth;

/// <summary>The <see cref="Caller"/> of a request, from its token: <c>Caller.From(http.User)</c>.</summary>
public static class CallerClaims
{
    extension(Caller)
    {
        /// <summary>Null unless signed in with a known role and a subject. Units: the <c>units</c> claims, then the
        /// <c>unit</c> claim, each once, in that order.</summary>
        public static Caller? From(ClaimsPrincipal user)
        {
            if (user.Identity?.IsAuthenticated != true) return null;
            var role = user.FindFirstValue(TokenClaims.Role);
            var subject = user.FindFirstValue(TokenClaims.Subject) ?? user.FindFirstValue(ClaimTypes.NameIdentifier);
            if (role is null || !Roles.All.Contains(role) || string.IsNullOrEmpty(subject)) return null;
            var units = user.FindAll(TokenClaims.Units).Select(c => c.Value)
                .Concat(user.FindAll(TokenClaims.Unit).Select(c => c.Value))
                .Where(u => !string.IsNullOrWhiteSpace(u))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return new Caller(role, subject, units);
        }
    }
}

public static class TokenClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Unit = "unit";
    public const string Units = "units";
}
