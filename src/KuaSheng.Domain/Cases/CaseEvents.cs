using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Domain.Cases;

/// <summary>
/// What happened to a case. Events are facts: once persisted they are never changed, so their shapes only grow
/// (new optional fields), and every one carries when it happened and who did it, for the timeline.
/// </summary>
public abstract record CaseEvent(DateTimeOffset At, string By);

/// <summary>收件.</summary>
public sealed record CaseSubmitted(
    string CaseId,
    string CaseNumber,
    string QueryCodeHash,
    ItemTerms Item,
    HandlingMode Mode,
    Channel Channel,
    string? ReceivingUnitId,
    Applicant Applicant,
    Agent? Agent,
    string? CounterpartRegion,
    IReadOnlyList<Material> Materials,
    DeliveryPreference Delivery,
    IReadOnlyList<Leg> Legs,
    IReadOnlyList<string> Warnings,
    DateTimeOffset At,
    string By) : CaseEvent(At, By);

/// <summary>形式审查: passed, or failed with the missing materials (补正, told all at once).</summary>
public sealed record FormReviewed(bool Passed, IReadOnlyList<string> Missing, string? Note, DateTimeOffset At, string By)
    : CaseEvent(At, By);

/// <summary>补正材料 handed in; the case is received again and form review starts over.</summary>
public sealed record SupplementProvided(IReadOnlyList<Material> Materials, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>身份核验.</summary>
public sealed record IdentityVerified(IdentityMethod Method, bool Passed, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>不予受理 (terminal).</summary>
public sealed record CaseNotAccepted(string Reason, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>推送: these legs were sent to their units.</summary>
public sealed record LegsForwarded(IReadOnlyList<string> LegIds, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>受理 of a leg by its unit.</summary>
public sealed record LegAccepted(string LegId, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>退回 of a leg by its unit, with the reason.</summary>
public sealed record LegReturned(string LegId, string Reason, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>审批决定 of a leg.</summary>
public sealed record LegDecided(string LegId, DecisionOutcome Outcome, string? Reason, ResultDocument? Result, DateTimeOffset At, string By)
    : CaseEvent(At, By);

/// <summary>The case is decided: every leg approved, or one denied it.</summary>
public sealed record CaseDecided(DecisionOutcome Outcome, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>寄递 registered with its carrier and waybill; <paramref name="Carrier"/> null: unknown (a result mailed under a
/// domestic number without a carrier named).</summary>
public sealed record MailingRegistered(string MailingId, MailingPurpose Purpose, string? Carrier, string WaybillNumber, DateTimeOffset At, string By)
    : CaseEvent(At, By);

/// <summary>A carrier tracking event; events may arrive repeated and out of order. A signature may come without a
/// name (<paramref name="SignedBy"/> null: signer unknown; parcel lockers and stations report none).</summary>
public sealed record CarrierEventRecorded(string MailingId, CarrierStatus Status, DateTimeOffset EventAt, string? SignedBy, DateTimeOffset At, string By)
    : CaseEvent(At, By);

/// <summary>原件 arrived at the home unit (a signed mailing, or handed over).</summary>
public sealed record OriginalsReceived(string? MailingId, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>送达 started.</summary>
public sealed record ResultDeliveryStarted(DeliveryMethod Method, string? WaybillNumber, string? Url, DateTimeOffset At, string By)
    : CaseEvent(At, By);

/// <summary>办结.</summary>
public sealed record CaseCompleted(DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>撤回 by the applicant.</summary>
public sealed record CaseWithdrawn(string Reason, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>特别程序 that stops the clock (hearing, testing, expert review).</summary>
public sealed record CaseSuspended(string Reason, int? WorkingDays, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>The special procedure ended; open deadlines moved by the working days it took.</summary>
public sealed record CaseResumed(DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>延长审批: open decision deadlines move by <paramref name="WorkingDays"/>.</summary>
public sealed record ExtensionGranted(string Reason, int WorkingDays, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>好差评.</summary>
public sealed record CaseRated(RatingLevel Level, string? Comment, string Channel, string RatedUnitId, DateTimeOffset At, string By)
    : CaseEvent(At, By);

/// <summary>整改 opened for a bad rating.</summary>
public sealed record RectificationOpened(string UnitId, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>整改 done, with the follow-up note (回访).</summary>
public sealed record RectificationRecorded(string Note, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>A step's deadline starts.</summary>
public sealed record DeadlineSet(Deadline Deadline, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>The step was done (in time or late).</summary>
public sealed record DeadlineMet(string DeadlineId, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>超期: the due day passed with the step not done. Recorded once.</summary>
public sealed record DeadlineMissed(string DeadlineId, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>Deadlines that no longer run because the step will not happen (withdrawal, a denial ends the case).</summary>
public sealed record DeadlinesCancelled(IReadOnlyList<string> DeadlineIds, DateTimeOffset At, string By) : CaseEvent(At, By);

/// <summary>Open deadlines moved (after a pause or an extension, or counted again when a calendar year was loaded).</summary>
/// <param name="Reason">Why, when it is not a pause or an extension: e.g. "calendar 2027 loaded".</param>
public sealed record DeadlinesShifted(IReadOnlyList<ShiftedDeadline> Deadlines, DateTimeOffset At, string By, string? Reason = null)
    : CaseEvent(At, By);

/// <param name="WorkingDays">The deadline's working days from its start after the move (null: unchanged or unknown).</param>
public sealed record ShiftedDeadline(string DeadlineId, DateOnly Due, bool Provisional, int? WorkingDays = null);
