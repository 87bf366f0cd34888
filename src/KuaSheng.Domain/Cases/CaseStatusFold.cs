using System.Collections.Immutable;

namespace KuaSheng.Domain.Cases;

/// <summary>
/// How events move a case's status (办件状态) and its legs' statuses: the one fold that both the case itself
/// (<see cref="CaseEvolution"/>) and its read-model summary (<see cref="CaseSummary"/>) apply, so the two cannot drift.
/// Bookkeeping only: the decider has already checked that the step is allowed.
/// </summary>
public static class CaseStatusFold
{
    /// <summary>The status an event gives a leg, or null when it leaves the leg as it is.</summary>
    public static LegStatus? LegStatusAfter(CaseEvent e, string legId) => e switch
    {
        LegsForwarded f when f.LegIds.Contains(legId) => LegStatus.Forwarded,
        LegAccepted a when a.LegId == legId => LegStatus.Accepted,
        LegReturned r when r.LegId == legId => LegStatus.Returned,
        LegDecided d when d.LegId == legId => d.Outcome == DecisionOutcome.Approved ? LegStatus.Approved : LegStatus.Denied,
        _ => null,
    };

    /// <summary>The legs after an event, each changed by <paramref name="withStatus"/> when the event gives it a status
    /// (the same list when the event touches no leg).</summary>
    public static ImmutableList<TLeg> ApplyToLegs<TLeg>(ImmutableList<TLeg> legs, CaseEvent e, Func<TLeg, string> legId,
        Func<TLeg, LegStatus, TLeg> withStatus) =>
        e is LegsForwarded or LegAccepted or LegReturned or LegDecided
            ? legs.ConvertAll(l => LegStatusAfter(e, legId(l)) is { } status ? withStatus(l, status) : l)
            : legs;

    /// <summary>The case status after an event, and the status kept across a suspension; <paramref name="legsAfter"/>
    /// are the legs' statuses once the event is applied (see <see cref="ApplyToLegs{TLeg}"/>).</summary>
    public static (CaseStatus Status, CaseStatus? BeforeSuspension) StatusAfter(CaseStatus status, CaseStatus? beforeSuspension,
        IEnumerable<LegStatus> legsAfter, CaseEvent e) => e switch
    {
        FormReviewed { Passed: false } => (CaseStatus.SupplementRequested, beforeSuspension),
        // After a return the form stays reviewed: only the materials grow, and the legs go out again.
        SupplementProvided when status == CaseStatus.Returned => (status, beforeSuspension),
        SupplementProvided => (CaseStatus.Received, beforeSuspension),
        CaseNotAccepted => (CaseStatus.NotAccepted, beforeSuspension),
        LegsForwarded => (CaseStatus.Forwarded, beforeSuspension),
        LegAccepted => (AllCurrentAccepted(legsAfter) ? CaseStatus.Accepted : status, beforeSuspension),
        LegReturned => (CaseStatus.Returned, beforeSuspension),
        CaseDecided => (CaseStatus.Decided, beforeSuspension),
        ResultDeliveryStarted => (CaseStatus.Delivering, beforeSuspension),
        CaseCompleted => (CaseStatus.Completed, beforeSuspension),
        CaseWithdrawn => (CaseStatus.Withdrawn, beforeSuspension),
        CaseSuspended => (CaseStatus.Suspended, status),
        CaseResumed => (beforeSuspension ?? CaseStatus.Accepted, null),
        _ => (status, beforeSuspension),
    };

    /// <summary>A current leg has gone out and not come to a decision: forwarded, accepted or returned.</summary>
    public static bool IsCurrent(LegStatus leg) => leg is LegStatus.Forwarded or LegStatus.Accepted or LegStatus.Returned;

    /// <summary>After an acceptance: accepted once no current leg waits for acceptance or is returned.</summary>
    private static bool AllCurrentAccepted(IEnumerable<LegStatus> legs) => legs.Where(IsCurrent).All(l => l == LegStatus.Accepted);
}
