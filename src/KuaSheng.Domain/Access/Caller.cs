using KuaSheng.Domain.Cases;

namespace KuaSheng.Domain.Access;

/// <summary>Who is calling: role, subject, and the units it may act for (window and officer: its <c>unit</c>;
/// integration: its <c>units</c>), in the token's order. The API reads it from the token
/// (<c>KuaSheng.Api.Auth.CallerClaims</c>); a case step carries it to the case, which applies
/// <see cref="CaseAccess"/> to it.</summary>
public sealed record Caller(string Role, string Subject, IReadOnlyList<string> Units)
{
    public bool ActsFor(string? unitId) => unitId is not null && Units.Contains(unitId);

    public bool Is(params ReadOnlySpan<string> roles) => roles.Contains(Role);

    /// <summary>The unit recorded on the timeline: the one given, else the caller's only unit.</summary>
    public CommandActor AsActor(string? actingUnit = null) =>
        new(Role, Subject, actingUnit ?? (Units.Count == 1 ? Units[0] : null));
}
