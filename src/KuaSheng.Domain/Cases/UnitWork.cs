namespace KuaSheng.Domain.Cases;

/// <summary>
/// What a unit keeps in its work (工作清单) for a case: its open legs and the open deadlines it keeps. A leg is open
/// while it waits for the unit — forwarded (推送, to accept or return) or accepted (受理, to decide) — in a case that has
/// not ended. A returned leg (退回) waits for the window, not for the unit; an approved or denied leg is done; a case
/// withdrawn (撤回), not accepted or completed keeps its legs' last status but is nobody's work. One rule for the unit
/// entity, the views a case sends its units and the read model's worklist query.
/// </summary>
public static class UnitWork
{
    /// <summary>The leg statuses that wait for the unit.</summary>
    public static readonly IReadOnlyList<LegStatus> OpenLegStatuses = [LegStatus.Forwarded, LegStatus.Accepted];

    /// <summary>The case statuses in which no leg is open any more (<see cref="CaseStatuses.IsTerminal"/>).</summary>
    public static readonly IReadOnlyList<CaseStatus> EndedCaseStatuses = [.. Enum.GetValues<CaseStatus>().Where(s => s.IsTerminal())];

    public static bool IsOpenLeg(LegStatus leg, CaseStatus caseStatus) => OpenLegStatuses.Contains(leg) && !caseStatus.IsTerminal();

    /// <summary>Whether the unit keeps the case at all: an open leg there, or an open deadline it keeps the timer of.</summary>
    public static bool KeepsCase(CaseStatus caseStatus, IEnumerable<LegStatus> legsAtUnit, int openDeadlines) =>
        openDeadlines > 0 || legsAtUnit.Any(l => IsOpenLeg(l, caseStatus));
}
