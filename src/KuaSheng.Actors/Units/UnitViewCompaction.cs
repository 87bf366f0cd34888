namespace KuaSheng.Actors.Units;

/// <summary>
/// A unit keeps one view per open case in memory (100,000 open cases: ~200,000 views on the node). Views arrive
/// deserialized, each with its own copies of the unit id, item code, leg and deadline ids and with lists sized for
/// growth. Those strings come from small fixed sets (units, the 140 items, "leg1", "dl2", …), so a view is kept with
/// shared instances and exact-size arrays.
/// </summary>
internal static class UnitViewCompaction
{
    public static SyncCaseToUnit Compact(SyncCaseToUnit view, string unitId, string caseId) => view with
    {
        UnitId = unitId,
        CaseId = caseId,
        ItemCode = string.Intern(view.ItemCode),
        Legs = view.Legs.Count == 0 ? [] : view.Legs.Select(l => l with { LegId = string.Intern(l.LegId) }).ToArray(),
        Deadlines = view.Deadlines.Count == 0 ? [] : view.Deadlines
            .Select(d => d with { DeadlineId = string.Intern(d.DeadlineId), LegId = d.LegId is null ? null : string.Intern(d.LegId) })
            .ToArray(),
    };
}
