using System.Collections.Immutable;
using KuaSheng.Domain.Catalogue;

namespace KuaSheng.Domain.Cases;

/// <summary>
/// The whole case, as the fold of its events. <see cref="Apply"/> never decides anything and never fails on an
/// event that <see cref="CaseDecider"/> produced: it is how both the decider and recovery rebuild state.
/// </summary>
public sealed record CaseState
{
    public required string CaseId { get; init; }
    public required string CaseNumber { get; init; }
    public required string QueryCodeHash { get; init; }
    public required ItemTerms Item { get; init; }
    public required HandlingMode Mode { get; init; }
    public required Channel Channel { get; init; }
    public string? ReceivingUnitId { get; init; }
    public required Applicant Applicant { get; init; }
    public Agent? Agent { get; init; }
    public string? CounterpartRegion { get; init; }
    public required ImmutableList<Material> Materials { get; init; }
    public required DeliveryPreference Delivery { get; init; }
    public required ImmutableList<Leg> Legs { get; init; }
    public ImmutableList<string> Warnings { get; init; } = [];
    public required DateTimeOffset SubmittedAt { get; init; }

    public CaseStatus Status { get; init; } = CaseStatus.Received;
    /// <summary>Where a suspended case goes back to on resumption.</summary>
    public CaseStatus? StatusBeforeSuspension { get; init; }
    public DecisionOutcome? Outcome { get; init; }
    public bool? FormPassed { get; init; }
    public ImmutableList<string> MissingMaterials { get; init; } = [];
    public bool? IdentityPassed { get; init; }
    public bool OriginalsReceived { get; init; }
    public ImmutableList<Mailing> Mailings { get; init; } = [];
    public ImmutableList<Deadline> Deadlines { get; init; } = [];
    /// <summary>Since when the clock is stopped (补正 or 特别程序), else null.</summary>
    public DateTimeOffset? ClockPausedSince { get; init; }
    public Suspension? Suspension { get; init; }
    public int ExtensionDays { get; init; }
    public ResultDelivery? ResultDelivery { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public Rating? Rating { get; init; }
    public Rectification? Rectification { get; init; }
    public ImmutableList<TimelineEntry> Timeline { get; init; } = [];
    public long Version { get; init; }

    public bool NeedsOriginals => Materials.Any(m => m.Original);

    /// <summary>The unit that received the case (<see cref="ReceivingUnit"/>).</summary>
    public string WindowUnitId => ReceivingUnit.Of(ReceivingUnitId, Legs.Select(l => (l.UnitId, l.Order)));

    public Leg? FindLeg(string legId) => Legs.Find(l => l.LegId == legId);

    public Mailing? FindMailingByWaybill(string waybill) => Mailings.Find(m => m.WaybillNumber == waybill);

    /// <summary>The legs in play: forwarded, accepted or returned, of the lowest order not yet approved.</summary>
    public IEnumerable<Leg> CurrentLegs => Legs.Where(l => CaseStatusFold.IsCurrent(l.Status));

    public static CaseState Start(CaseSubmitted e) => new CaseState
    {
        CaseId = e.CaseId,
        CaseNumber = e.CaseNumber,
        QueryCodeHash = e.QueryCodeHash,
        Item = e.Item,
        Mode = e.Mode,
        Channel = e.Channel,
        ReceivingUnitId = e.ReceivingUnitId,
        Applicant = e.Applicant,
        Agent = e.Agent,
        CounterpartRegion = e.CounterpartRegion,
        Materials = [.. e.Materials],
        Delivery = e.Delivery,
        Legs = [.. e.Legs],
        Warnings = [.. e.Warnings],
        SubmittedAt = e.At,
        Version = 1,
        Timeline = [new TimelineEntry(e.At, "received", e.By, e.Item.Code)],
    };

    /// <summary>Folds one event into the state. The first event must be <see cref="CaseSubmitted"/> (see <see cref="Start"/>).</summary>
    public CaseState Apply(CaseEvent e) => CaseEvolution.Apply(this, e) with { Version = Version + 1 };

    internal CaseState Log(CaseEvent e, string type, string? detail) =>
        this with { Timeline = Timeline.Add(new TimelineEntry(e.At, type, e.By, detail)) };
}
