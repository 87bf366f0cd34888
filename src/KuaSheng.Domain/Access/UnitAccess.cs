namespace KuaSheng.Domain.Access;

/// <summary>Who may read a unit's work (工作清单 and 超期: its worklist and overdue list) and search cases: the unit's
/// officers and windows, integrations acting for it, and supervisors; supervisors and operators search every case,
/// windows, officers and integrations the cases of their units. One rule for the API and the console.</summary>
public static class UnitAccess
{
    /// <summary>May <paramref name="c"/> read the worklist and overdue list of <paramref name="unitId"/>?</summary>
    public static bool MayReadWork(Caller c, string unitId) =>
        c.Role == Roles.Supervisor || (c.Is(Roles.Officer, Roles.Window, Roles.Integration) && c.ActsFor(unitId));

    /// <summary>Every unit's overdue list at once (督查).</summary>
    public static bool MayReadAllOverdue(Caller c) => c.Role == Roles.Supervisor;

    /// <summary>Searches every case, not only its units' (办件查询 without a scope).</summary>
    public static bool SearchesAll(Caller c) => c.Is(Roles.Supervisor, Roles.Operator);

    /// <summary>May search cases at all (every case, or its units' cases).</summary>
    public static bool MaySearch(Caller c) => SearchesAll(c) || c.Is(Roles.Window, Roles.Officer, Roles.Integration);

    /// <summary>The units a search by <paramref name="c"/> is limited to, given the unit it asked for: null for every
    /// case; refused (<c>Allowed</c> false) when it asks for a unit that is not its own.</summary>
    public static (bool Allowed, IReadOnlyCollection<string>? Units) SearchScope(Caller c, string? unitId)
    {
        if (unitId is not null) return SearchesAll(c) || c.ActsFor(unitId) ? (true, [unitId]) : (false, null);
        return SearchesAll(c) ? (true, null) : (true, c.Units.ToList());
    }
}
