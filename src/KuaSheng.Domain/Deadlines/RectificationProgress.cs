using KuaSheng.Domain.Cases;

namespace KuaSheng.Domain.Deadlines;

/// <summary>Where a 差评整改 (rectification after a bad rating) stands.</summary>
public enum RectificationState
{
    /// <summary>整改中: not recorded yet, due day not passed.</summary>
    Open,
    /// <summary>超期未整改: not recorded, past its due day (or marked missed).</summary>
    Overdue,
    /// <summary>按期整改: recorded on or before its due day (the ledger's 按期整改).</summary>
    Rectified,
    /// <summary>逾期整改: recorded after its due day.</summary>
    RectifiedLate,
    /// <summary>已取消: the deadline was cancelled.</summary>
    Cancelled,
}

/// <summary>The state of a rectification from its deadline (<see cref="DeadlineStep.Rectification"/>) on
/// <paramref name="today"/> (China date); "in time" as <c>LedgerFacts</c> counts 按期整改.</summary>
public static class RectificationProgress
{
    public static RectificationState Of(Deadline deadline, DateOnly today)
    {
        if (deadline.MetAt is { } met)
            return deadline.MissedAt is null && CaseContext.ChinaDate(met) <= deadline.Due ? RectificationState.Rectified : RectificationState.RectifiedLate;
        if (deadline.CancelledAt is not null) return RectificationState.Cancelled;
        return deadline.MissedAt is not null || today > deadline.Due ? RectificationState.Overdue : RectificationState.Open;
    }
}
