using System.Collections.Immutable;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Routing;

namespace KuaSheng.Domain.Cases;

/// <summary>A leg as the case summary needs it: which unit holds it, where it stands, its role and order (for the
/// worklist; rows written before these were kept read as a home leg of order 1 until a rebuild).</summary>
public sealed record SummaryLeg(string LegId, string UnitId, LegStatus Status, LegRole Role = LegRole.Home, int Order = 1);

/// <summary>A mailing as the ledger needs it: who sent it and how far it got (signed is counted once).</summary>
public sealed record SummaryMailing(string MailingId, MailingPurpose Purpose, string SenderUnitId, CarrierStatus Status);

/// <summary>
/// A case in the read model (case search): what a list of cases shows and filters on, and no personal data. It is a
/// fold of the case's events like <see cref="CaseState"/>, over a small part of it: the status (with the legs and the
/// status before a suspension, which the status rules need), the outcome and the milestones, whether any deadline
/// was missed, every unit involved (the receiving unit, each leg's and each deadline's unit), the deadlines (worklist,
/// overdue list, ledger) and the mailings (ledger).
/// The case's and the legs' statuses come from <see cref="CaseStatusFold"/>, as in <see cref="CaseEvolution"/>; a test holds
/// the two together for the other fields.
/// </summary>
public sealed record CaseSummary
{
    public required string CaseId { get; init; }
    public required string CaseNumber { get; init; }
    public required string ItemCode { get; init; }
    public required int ItemVersion { get; init; }
    public required HandlingMode Mode { get; init; }
    public required Channel Channel { get; init; }
    public string? ReceivingUnitId { get; init; }
    public CaseStatus Status { get; init; } = CaseStatus.Received;
    public CaseStatus? StatusBeforeSuspension { get; init; }
    public DecisionOutcome? Outcome { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>Any deadline missed (超期), ever.</summary>
    public bool Overdue { get; init; }
    public required DateTimeOffset LastEventAt { get; init; }
    public required ImmutableList<SummaryLeg> Legs { get; init; }
    /// <summary>Every unit involved, sorted: receiving unit, legs' units, deadlines' units.</summary>
    public required ImmutableSortedSet<string> Units { get; init; }
    /// <summary>The deadlines, as the case keeps them: the worklist and overdue lists show the open ones, and the
    /// ledger attributes a miss (超期) to the deadline's unit.</summary>
    public ImmutableList<Deadline> Deadlines { get; init; } = [];
    public ImmutableList<SummaryMailing> Mailings { get; init; } = [];

    /// <summary>The unit that received the case (<see cref="ReceivingUnit"/>), as for the case itself.</summary>
    public string WindowUnitId => ReceivingUnit.Of(ReceivingUnitId, Legs.Select(l => (l.UnitId, l.Order)));

    /// <summary>The units a case outcome counts for: the receiving unit and every leg's unit (known at submission).</summary>
    public IEnumerable<string> CaseUnits =>
        (ReceivingUnitId is { } r ? Legs.Select(l => l.UnitId).Prepend(r) : Legs.Select(l => l.UnitId)).Distinct(StringComparer.Ordinal);

    public static CaseSummary Start(CaseSubmitted e)
    {
        var units = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, e.Legs.Select(l => l.UnitId));
        if (e.ReceivingUnitId is { } receiving) units = units.Add(receiving);
        return new CaseSummary
        {
            CaseId = e.CaseId,
            CaseNumber = e.CaseNumber,
            ItemCode = e.Item.Code,
            ItemVersion = e.Item.Version,
            Mode = e.Mode,
            Channel = e.Channel,
            ReceivingUnitId = e.ReceivingUnitId,
            SubmittedAt = e.At,
            LastEventAt = e.At,
            Legs = [.. e.Legs.Select(l => new SummaryLeg(l.LegId, l.UnitId, l.Status, l.Role, l.Order))],
            Units = units,
        };
    }

    /// <summary>Folds one event after <see cref="CaseSubmitted"/> (see <see cref="Start"/>).</summary>
    public CaseSummary Apply(CaseEvent e)
    {
        var next = Evolve(e);
        var legs = CaseStatusFold.ApplyToLegs(next.Legs, e, l => l.LegId, (l, status) => l with { Status = status });
        var (status, beforeSuspension) = CaseStatusFold.StatusAfter(Status, StatusBeforeSuspension, legs.Select(l => l.Status), e);
        return next with { Legs = legs, Status = status, StatusBeforeSuspension = beforeSuspension, LastEventAt = e.At };
    }

    private CaseSummary Evolve(CaseEvent e) => e switch
    {
        CaseSubmitted => throw new InvalidOperationException("A case is submitted once; start from CaseSummary.Start."),
        CaseDecided d => this with { Outcome = d.Outcome, DecidedAt = d.At },
        CaseCompleted c => this with { CompletedAt = c.At },
        DeadlineSet d => this with { Units = Units.Add(d.Deadline.UnitId), Deadlines = DeadlineChanges.Apply(Deadlines, e) },
        DeadlineMissed => this with { Overdue = true, Deadlines = DeadlineChanges.Apply(Deadlines, e) },
        DeadlineMet or DeadlinesCancelled or DeadlinesShifted => this with { Deadlines = DeadlineChanges.Apply(Deadlines, e) },
        MailingRegistered m => this with { Mailings = Mailings.Add(new SummaryMailing(m.MailingId, m.Purpose, SenderOf(m), CarrierStatus.Registered)) },
        CarrierEventRecorded c => this with
        {
            Mailings = Mailings.ConvertAll(m => m.MailingId == c.MailingId && MailTracking.Advances(m.Status, c.Status) ? m with { Status = c.Status } : m),
        },
        RectificationOpened o => this with { Units = Units.Add(o.UnitId) },
        // The rest changes nothing the summary shows.
        // The case's and the legs' statuses come from CaseStatusFold (see Apply).
        FormReviewed or SupplementProvided or CaseNotAccepted or LegsForwarded or LegAccepted or LegReturned or LegDecided
            or ResultDeliveryStarted or CaseWithdrawn or CaseSuspended or CaseResumed
            or IdentityVerified or OriginalsReceived or ExtensionGranted or CaseRated or RectificationRecorded => this,
        _ => throw new InvalidOperationException($"No rule to apply {e.GetType().Name}."),
    };

    /// <summary>Originals go out from the window's unit; a result from the unit of whoever registered the mailing
    /// (officer or window) when that unit is involved in the case, else the window's unit.</summary>
    private string SenderOf(MailingRegistered m) =>
        m.Purpose == MailingPurpose.Result && CommandActor.UnitOf(m.By) is { } unit && Units.Contains(unit) ? unit : WindowUnitId;
}
