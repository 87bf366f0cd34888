using KuaSheng.Domain.Validation;
using KuaSheng.Domain.Units;

namespace KuaSheng.Domain.Access;

/// <summary>A caller as a sign-in names it, checked: its role, its subject, the one unit of a window or officer
/// (<c>unit</c>) or the units of an integration (<c>units</c>).</summary>
public sealed record CallerIdentity(string Role, string Subject, string? Unit, IReadOnlyList<string>? Units)
{
    public Caller ToCaller() => new(Role, Subject, [.. (Units ?? []).Concat(Unit is null ? [] : [Unit]).Distinct(StringComparer.Ordinal)]);
}

/// <summary>
/// Which roles take which units (API.md, Auth): a window and an officer act for exactly one unit, an integration for a
/// list of units, every other role for none; every unit must exist. The dev token (<c>POST /auth/dev-token</c>) and the
/// console's dev sign-in check a requested identity with <see cref="Check"/>, so that both sign in the same callers.
/// </summary>
public static class CallerShape
{
    public const int MaxSubjectLength = 100;

    /// <returns>The identity, or the errors by field (<c>role</c>, <c>unit</c>, <c>units</c>, <c>units[n]</c>, <c>sub</c>).</returns>
    public static (CallerIdentity? Identity, Dictionary<string, string[]> Errors) Check(
        string? role, string? unit, IReadOnlyList<string?>? units, string? sub, UnitDirectory directory)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = errors.TryGetValue(field, out var old) ? [.. old, message] : [message];

        role = role?.Trim() ?? "";
        unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
        var list = (units ?? []).Select(u => u?.Trim() ?? "").ToList();
        if (!Roles.All.Contains(role))
            Add("role", $"role is one of {string.Join(", ", Roles.All.Order(StringComparer.Ordinal))}.");
        else if (role is Roles.Window or Roles.Officer)
        {
            if (unit is null) Add("unit", $"A {role} token needs the unit it acts for.");
            if (list.Count > 0) Add("units", $"A {role} acts for one unit: give unit, not units.");
        }
        else if (role == Roles.Integration)
        {
            if (unit is not null) list.Insert(0, unit);
            unit = null;
            if (list.Count == 0) Add("units", "An integration token needs the units it may act for.");
        }
        else if (unit is not null || list.Count > 0)
            Add(unit is not null ? "unit" : "units", $"A {role} token is not tied to units.");
        if (unit is not null && !directory.Contains(unit)) Add("unit", $"Unknown unit \"{QuotedValue.Shown(unit)}\" (see GET /units).");
        for (var n = 0; n < list.Count; n++)
            if (!directory.Contains(list[n])) Add($"units[{n}]", $"Unknown unit \"{QuotedValue.Shown(list[n])}\" (see GET /units).");
        var subject = string.IsNullOrWhiteSpace(sub) ? $"dev-{role}" : sub.Trim();
        if (subject.Length > MaxSubjectLength) Add("sub", $"sub is at most {MaxSubjectLength} characters.");
        if (errors.Count > 0) return (null, errors);
        return (new CallerIdentity(role, subject, unit, list.Count > 0 ? list.Distinct(StringComparer.Ordinal).ToList() : null), errors);
    }
}
