using KuaSheng.Actors.Cases;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;

namespace KuaSheng.Actors.Units;

public interface IWithUnitId
{
    string UnitId { get; }
}

/// <summary>
/// What one case means to one unit, as of case version <paramref name="CaseVersion"/>: its legs at the unit and the
/// deadlines the unit keeps for it (no deadline falls due while the case's clock is paused). State-based replication: the case re-sends until acknowledged, the unit keeps the
/// newest version and ignores older or repeated ones, so duplicates and reordering change nothing.
/// </summary>
public sealed record SyncCaseToUnit(
    string UnitId,
    string CaseId,
    long CaseVersion,
    string ItemCode,
    CaseStatus CaseStatus,
    bool ClockPaused,
    IReadOnlyList<UnitLeg> Legs,
    IReadOnlyList<UnitDeadline> Deadlines) : IWithUnitId, IKuaShengMessage;

/// <summary>The domain's rule of a unit's work (<see cref="UnitWork"/>) applied to a view (extension methods, not
/// properties: the view is a wire shape).</summary>
internal static class UnitViewWork
{
    /// <summary>Whether the unit keeps this case at all.</summary>
    public static bool KeepsWork(this SyncCaseToUnit view) => UnitWork.KeepsCase(view.CaseStatus, view.Legs.Select(l => l.Status), view.Deadlines.Count);

    /// <summary>The legs that are the unit's work.</summary>
    public static IEnumerable<UnitLeg> OpenLegs(this SyncCaseToUnit view) => view.Legs.Where(l => UnitWork.IsOpenLeg(l.Status, view.CaseStatus));
}

public sealed record UnitLeg(string LegId, LegRole Role, LegStatus Status);

/// <summary>An open deadline the unit keeps the timer for.</summary>
public sealed record UnitDeadline(string DeadlineId, DeadlineStep Step, string? LegId, DateOnly Due, bool Provisional, bool Missed);

/// <summary>The unit has (at least) this version of the case.</summary>
public sealed record CaseSyncAck(string UnitId, string CaseId, long CaseVersion) : IWithCaseId, IKuaShengMessage;

/// <summary>Starts a unit (they are always running; this is how a node wakes the built-in ones on first start).</summary>
public sealed record WakeUnit(string UnitId) : IWithUnitId, IKuaShengMessage;

public sealed record GetWorklist(string UnitId) : IWithUnitId, IKuaShengMessage;

/// <summary>工作清单: the open legs at a unit and the deadlines it keeps, earliest first.</summary>
public sealed record Worklist(string UnitId, IReadOnlyList<WorklistLeg> Legs, IReadOnlyList<WorklistDeadline> Deadlines) : IKuaShengMessage;

public sealed record WorklistLeg(string CaseId, string ItemCode, string LegId, LegRole Role, LegStatus Status);

public sealed record WorklistDeadline(string CaseId, string DeadlineId, DeadlineStep Step, string? LegId, DateOnly Due, bool Provisional, bool Missed);

/// <summary>Journal, as units wrote it before <see cref="UnitCaseViewsUpdated"/>: the unit's view of one case changed (a
/// view that is no longer work removes the case from the unit).</summary>
public sealed record UnitCaseViewUpdated(SyncCaseToUnit View) : IKuaShengMessage;

/// <summary>Journal: the views of cases that changed what the unit keeps (<see cref="UnitViewDurability"/>) while its
/// previous write was under way, written as one row; applied in order.</summary>
public sealed record UnitCaseViewsUpdated(IReadOnlyList<SyncCaseToUnit> Views) : IKuaShengMessage;

/// <summary>Snapshot of a unit: its view of every case it holds.</summary>
public sealed record UnitSnapshot(IReadOnlyList<SyncCaseToUnit> Views) : IKuaShengMessage;
