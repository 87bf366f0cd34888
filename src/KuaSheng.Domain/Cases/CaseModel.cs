using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;

namespace KuaSheng.Domain.Cases;

/// <summary>申请人. Region is a GB/T 2260 code (defaults to the ID number's first six digits).</summary>
public sealed record Applicant(ApplicantKind Kind, string Name, string IdNumber, string Phone, string Region, string? TownCode);

/// <summary>帮办/代办人 acting for the applicant.</summary>
public sealed record Agent(string Name, string IdNumber, string Phone, string Relation);

/// <summary>A submitted material; <paramref name="Original"/> means the home unit must see the original (原件).</summary>
public sealed record Material(string Name, bool Original);

public sealed record DeliveryPreference(DeliveryMethod Method, string? Address);

/// <summary>结果文书.</summary>
public sealed record ResultDocument(string Title, string Number, string? Url);

public sealed record Leg(
    string LegId,
    string UnitId,
    LegRole Role,
    int Order,
    LegStatus Status,
    string? Reason = null,
    ResultDocument? Result = null);

public sealed record CarrierEventRecord(CarrierStatus Status, DateTimeOffset At, string? SignedBy);

/// <summary>寄递: originals to the home unit or the result to the applicant.</summary>
public sealed record Mailing(
    string MailingId,
    MailingPurpose Purpose,
    string? Carrier,
    string WaybillNumber,
    CarrierStatus Status,
    IReadOnlyList<CarrierEventRecord> Events,
    string? SignedBy = null,
    DateTimeOffset? SignedAt = null)
{
    /// <summary>The id of a mailing its sender did not name: after its waybill.</summary>
    public static string IdOf(string waybillNumber) => $"m-{waybillNumber}";
}

/// <param name="WorkingDays">Working days counted from <paramref name="Start"/> to <paramref name="Due"/>: the limit plus any
/// extension or pause (null on deadlines recorded before it was kept), so the due day can be counted again with another calendar.</param>
public sealed record Deadline(
    string DeadlineId,
    DeadlineStep Step,
    string? LegId,
    string UnitId,
    DateOnly Start,
    DateOnly Due,
    bool Provisional,
    DateTimeOffset? MetAt = null,
    DateTimeOffset? MissedAt = null,
    DateTimeOffset? CancelledAt = null,
    int? WorkingDays = null)
{
    /// <summary>Still running: not done and not cancelled (a withdrawn case, a denied parallel leg).</summary>
    public bool IsOpen => MetAt is null && CancelledAt is null;
}

public sealed record Suspension(SuspensionKind Kind, string Reason, DateTimeOffset Since, int? WorkingDays);

public sealed record Rating(RatingLevel Level, string? Comment, string Channel, DateTimeOffset At, string RatedUnitId);

public sealed record Rectification(string UnitId, DateTimeOffset OpenedAt, string? Note = null, DateTimeOffset? DoneAt = null);

public sealed record ResultDelivery(DeliveryMethod Method, string? WaybillNumber, string? Url, DateTimeOffset StartedAt);

public sealed record TimelineEntry(DateTimeOffset At, string Type, string By, string? Detail);

/// <summary>Who issued a command: recorded on the timeline.</summary>
public sealed record CommandActor(string Role, string Subject, string? UnitId)
{
    public override string ToString() => UnitId is null ? $"{Role}:{Subject}" : $"{Role}:{Subject}@{UnitId}";
    public static readonly CommandActor System = new("system", "kuasheng", null);

    /// <summary>The unit in a recorded <see cref="ToString"/> form ("role:subject@unit"), or null.</summary>
    public static string? UnitOf(string by) => by.LastIndexOf('@') is var at and >= 0 && at < by.Length - 1 ? by[(at + 1)..] : null;
}

/// <summary>The item facts a case keeps from the version it was submitted under.</summary>
public sealed record ItemTerms(string Code, int Version, string Name, bool RequiresOriginals, int PromisedDays, bool Joint)
{
    public static ItemTerms Of(CatalogueItem item) =>
        new(item.Code, item.Version, item.Name, item.RequiresOriginals, item.PromisedDays, item.IsJoint);
}
