using KuaSheng.Domain.Catalogue;

namespace KuaSheng.Domain.Cases;

/// <summary>A request to change a case. Inputs are already parsed into domain types; the rules decide.</summary>
public abstract record CaseCommand(CommandActor By);

/// <summary>收件. Legs come resolved by <see cref="Routing.RoutingPlanner"/> at submission time.</summary>
public sealed record SubmitCase(
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
    CommandActor By) : CaseCommand(By);

public sealed record ReviewForm(bool Passed, IReadOnlyList<string> Missing, string? Note, CommandActor By) : CaseCommand(By);

public sealed record ProvideSupplement(IReadOnlyList<Material> Materials, CommandActor By) : CaseCommand(By);

public sealed record VerifyIdentity(IdentityMethod Method, bool Passed, CommandActor By) : CaseCommand(By);

public sealed record RefuseCase(string Reason, CommandActor By) : CaseCommand(By);

public sealed record DecideAcceptance(string LegId, bool Accepted, string? Reason, CommandActor By) : CaseCommand(By);

public sealed record DecideLeg(string LegId, DecisionOutcome Outcome, string? Reason, ResultDocument? Result, CommandActor By)
    : CaseCommand(By);

/// <summary>寄递 of originals or of the result. <paramref name="MailingId"/> null: the mailing is named after its waybill
/// (<see cref="Mailing.IdOf"/>).</summary>
public sealed record RegisterMailing(string? MailingId, MailingPurpose Purpose, string Carrier, string WaybillNumber, CommandActor By)
    : CaseCommand(By);

public sealed record RecordCarrierEvent(string WaybillNumber, CarrierStatus Status, DateTimeOffset EventAt, string? SignedBy, CommandActor By)
    : CaseCommand(By);

public sealed record ReceiveOriginals(CommandActor By) : CaseCommand(By);

/// <summary>送达. For mail, the waybill of a result mailing (registered here when new; <paramref name="MailingId"/> null:
/// named after its waybill).</summary>
public sealed record DeliverResult(DeliveryMethod Method, string? WaybillNumber, string? Carrier, string? Url, string? MailingId, CommandActor By)
    : CaseCommand(By);

/// <summary>Pickup at the window, or the applicant's receipt of an electronic result.</summary>
public sealed record ConfirmResultCollected(CommandActor By) : CaseCommand(By);

public sealed record Withdraw(string Reason, CommandActor By) : CaseCommand(By);

public sealed record Suspend(SuspensionKind Kind, string Reason, int? WorkingDays, CommandActor By) : CaseCommand(By);

public sealed record Resume(CommandActor By) : CaseCommand(By);

public sealed record Rate(RatingLevel Level, string? Comment, string Channel, CommandActor By) : CaseCommand(By);

public sealed record RecordRectification(string Note, CommandActor By) : CaseCommand(By);

/// <summary>The official calendar of <paramref name="Year"/> was loaded (these days off and adjusted workdays): count the
/// open deadlines that run into it again from their start days.</summary>
public sealed record RecountDeadlines(int Year, IReadOnlyDictionary<DateOnly, string> Holidays, IReadOnlyDictionary<DateOnly, string> Workdays,
    CommandActor By) : CaseCommand(By);

/// <summary>From the unit that keeps the deadline's timer: the due day has passed.</summary>
public sealed record MarkDeadlineMissed(string DeadlineId, CommandActor By) : CaseCommand(By);
