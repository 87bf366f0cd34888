using System.Collections.Immutable;
using KuaSheng.Domain.Catalogue;

namespace KuaSheng.Domain.Cases;

/// <summary>A leg as the case summary needs it: which unit holds it and where it stands.</summary>
public sealed record SummaryLeg(string LegId, string UnitId, LegStatus Status);

/// <summary>
/// A case in the read model (case search): what a list of cases shows and filters on, and no personal data. It is a
/// fold of the case's events like <see cref="CaseState"/>, over a small part of it: the status (with the legs and the
/// status before a suspension, which the status rules need), the outcome and the milestones, whether any deadline
/// was missed, and every unit involved (the receiving unit, each leg's and each deadline's unit).
/// <see cref="Apply"/> follows <see cref="CaseEvolution"/> for these fields; a test holds the two together.
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
            Legs = [.. e.Legs.Select(l => new SummaryLeg(l.LegId, l.UnitId, l.Status))],
            Units = units,
        };
    }

    /// <summary>Folds one event after <see cref="CaseSubmitted"/> (see <see cref="Start"/>).</summary>
    public CaseSummary Apply(CaseEvent e) => Evolve(e) with { LastEventAt = e.At };

    private CaseSummary Evolve(CaseEvent e) => e switch
    {
        CaseSubmitted => throw new InvalidOperationException("A case is submitted once; start from CaseSummary.Start."),
        FormReviewed { Passed: false } => this with { Status = CaseStatus.SupplementRequested },
        SupplementProvided when Status == CaseStatus.Returned => this,
        SupplementProvided => this with { Status = CaseStatus.Received },
        CaseNotAccepted => this with { Status = CaseStatus.NotAccepted },
        LegsForwarded f => this with
        {
            Legs = Legs.ConvertAll(l => f.LegIds.Contains(l.LegId) ? l with { Status = LegStatus.Forwarded } : l),
            Status = CaseStatus.Forwarded,
        },
        LegAccepted a => SetLeg(a.LegId, LegStatus.Accepted).WithCurrentStatus(),
        LegReturned r => SetLeg(r.LegId, LegStatus.Returned) with { Status = CaseStatus.Returned },
        LegDecided d => SetLeg(d.LegId, d.Outcome == DecisionOutcome.Approved ? LegStatus.Approved : LegStatus.Denied),
        CaseDecided d => this with { Status = CaseStatus.Decided, Outcome = d.Outcome, DecidedAt = d.At },
        ResultDeliveryStarted => this with { Status = CaseStatus.Delivering },
        CaseCompleted c => this with { Status = CaseStatus.Completed, CompletedAt = c.At },
        CaseWithdrawn => this with { Status = CaseStatus.Withdrawn },
        CaseSuspended => this with { StatusBeforeSuspension = Status, Status = CaseStatus.Suspended },
        CaseResumed => this with { Status = StatusBeforeSuspension ?? CaseStatus.Accepted, StatusBeforeSuspension = null },
        DeadlineSet d => this with { Units = Units.Add(d.Deadline.UnitId) },
        DeadlineMissed => this with { Overdue = true },
        RectificationOpened o => this with { Units = Units.Add(o.UnitId) },
        // The rest changes nothing the summary shows.
        FormReviewed or IdentityVerified or MailingRegistered or CarrierEventRecorded or OriginalsReceived or ExtensionGranted
            or CaseRated or RectificationRecorded or DeadlineMet or DeadlinesCancelled or DeadlinesShifted => this,
        _ => throw new InvalidOperationException($"No rule to apply {e.GetType().Name}."),
    };

    private CaseSummary SetLeg(string legId, LegStatus status) =>
        this with { Legs = Legs.ConvertAll(l => l.LegId == legId ? l with { Status = status } : l) };

    /// <summary>As <see cref="CaseEvolution"/>: accepted once no current leg waits for acceptance or is returned.</summary>
    private CaseSummary WithCurrentStatus() =>
        Legs.Where(l => l.Status is LegStatus.Forwarded or LegStatus.Accepted or LegStatus.Returned).All(l => l.Status == LegStatus.Accepted)
            ? this with { Status = CaseStatus.Accepted }
            : this;
}
