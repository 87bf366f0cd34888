using KuaSheng.Actors.Units;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Cases;

/// <summary>What a case means to each unit involved in it: the legs it holds and the deadlines it keeps.</summary>
internal static class UnitViews
{
    public static IEnumerable<string> UnitsOf(CaseState s) =>
        s.Legs.Select(l => l.UnitId).Concat(s.Deadlines.Select(d => d.UnitId)).Distinct(StringComparer.Ordinal);

    public static SyncCaseToUnit For(CaseState s, string unitId) => new(
        unitId, s.CaseId, s.Version, s.Item.Code, s.Status, s.ClockPausedSince is not null,
        s.Legs.Where(l => l.UnitId == unitId).Select(l => new UnitLeg(l.LegId, l.Role, l.Status)).ToList(),
        s.Deadlines.Where(d => d.UnitId == unitId && d.IsOpen)
            .Select(d => new UnitDeadline(d.DeadlineId, d.Step, d.LegId, d.Due, d.Provisional, d.MissedAt is not null)).ToList());

    /// <summary>Same content, whatever the version: nothing to tell the unit.</summary>
    public static bool SameContent(SyncCaseToUnit a, SyncCaseToUnit b) =>
        a.CaseStatus == b.CaseStatus && a.ClockPaused == b.ClockPaused
        && a.Legs.SequenceEqual(b.Legs) && a.Deadlines.SequenceEqual(b.Deadlines);

    /// <summary>The views that changed between two states of a case (for a new case, those the unit keeps as work
    /// (<see cref="UnitWork"/>): a unit whose leg is still pending has nothing to hear yet).</summary>
    public static IEnumerable<SyncCaseToUnit> Changed(CaseState? before, CaseState after) =>
        UnitsOf(after).Concat(before is null ? [] : UnitsOf(before)).Distinct(StringComparer.Ordinal)
            .Select(unit => (unit, now: For(after, unit)))
            .Where(x => before is null ? x.now.KeepsWork() : !SameContent(For(before, x.unit), x.now))
            .Select(x => x.now);
}
