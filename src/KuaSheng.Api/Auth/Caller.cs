using System.Security.Claims;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Api.Auth;

/// <summary>Who is calling, from the token: role, subject, and the units it may act for (window and officer: its
/// <c>unit</c>; integration: its <c>units</c>).</summary>
public sealed record Caller(string Role, string Subject, IReadOnlySet<string> Units)
{
    public bool ActsFor(string? unitId) => unitId is not null && Units.Contains(unitId);

    public bool Is(params string[] roles) => roles.Contains(Role);

    /// <summary>The unit recorded on the timeline: the caller's own, or for an integration the one it acts as.</summary>
    public CommandActor AsActor(string? actingUnit = null) =>
        new(Role, Subject, actingUnit ?? (Units.Count == 1 ? Units.First() : null));

    public static Caller? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var role = user.FindFirstValue(TokenClaims.Role);
        var subject = user.FindFirstValue(TokenClaims.Subject) ?? user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (role is null || !Roles.All.Contains(role) || string.IsNullOrEmpty(subject)) return null;
        var units = user.FindAll(TokenClaims.Units).Select(c => c.Value)
            .Concat(user.FindAll(TokenClaims.Unit).Select(c => c.Value))
            .Where(u => !string.IsNullOrWhiteSpace(u))
            .ToHashSet(StringComparer.Ordinal);
        return new Caller(role, subject, units);
    }
}

public static class TokenClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Unit = "unit";
    public const string Units = "units";
}
