using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Api.Cases;

/// <summary>A case as the API shows it (API.md, CaseView). Personal data is masked unless the caller may see it.</summary>
public sealed record CaseView(
    string CaseId,
    string CaseNumber,
    string ItemCode,
    int ItemVersion,
    string ItemName,
    HandlingMode Mode,
    Channel Channel,
    string? ReceivingUnitId,
    CaseStatus Status,
    DecisionOutcome? Outcome,
    ApplicantView Applicant,
    AgentView? Agent,
    string? CounterpartRegion,
    IReadOnlyList<LegView> Legs,
    IReadOnlyList<Material> Materials,
    bool OriginalsReceived,
    IReadOnlyList<MailingView> Mailings,
    IReadOnlyList<DeadlineView> Deadlines,
    ResultDeliveryView? ResultDelivery,
    RatingView? Rating,
    RectificationView? Rectification,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<TimelineView> Timeline,
    string? QueryCode = null);

public sealed record ApplicantView(ApplicantKind Kind, string Name, string IdNumber, string Phone, string Region, string? TownCode);

public sealed record AgentView(string Name, string IdNumber, string Phone, string Relation);

public sealed record LegView(string LegId, string UnitId, LegRole Role, int Order, LegStatus Status, string? Reason, ResultDocument? ResultDocument);

public sealed record MailingView(string MailingId, MailingPurpose Purpose, string? Carrier, string WaybillNumber, CarrierStatus Status,
    DateTimeOffset? SignedAt, string? SignedBy);

public sealed record DeadlineView(string DeadlineId, DeadlineStep Step, string? LegId, string UnitId, DateOnly Due, bool Provisional,
    bool Met, bool Missed, bool Cancelled, int? DaysOver);

public sealed record ResultDeliveryView(DeliveryMethod Method, string? WaybillNumber, string? Url, DateTimeOffset StartedAt);

public sealed record RatingView(RatingLevel Level, string? Comment, string Channel, DateTimeOffset At, string RatedUnitId);

public sealed record RectificationView(string UnitId, DateTimeOffset OpenedAt, string? Note, DateTimeOffset? DoneAt);

public sealed record TimelineView(DateTimeOffset At, string Type, string By, string? Detail);

public static class CaseViews
{
    /// <param name="full">The caller may see personal data whole (its unit handles the case, or a supervisor).</param>
    public static CaseView From(CaseState s, bool full, Func<DateOnly, DateOnly, int> workingDaysBetween, DateOnly today, string? queryCode = null)
    {
        var a = s.Applicant;
        var applicant = full
            ? new ApplicantView(a.Kind, a.Name, a.IdNumber, a.Phone, a.Region, a.TownCode)
            : new ApplicantView(a.Kind, PersonalDataMask.Name(a.Name), PersonalDataMask.IdNumber(a.IdNumber), PersonalDataMask.Mobile(a.Phone), a.Region, a.TownCode);
        var agent = s.Agent is not { } g ? null
            : full ? new AgentView(g.Name, g.IdNumber, g.Phone, g.Relation)
            : new AgentView(PersonalDataMask.Name(g.Name), PersonalDataMask.IdNumber(g.IdNumber), PersonalDataMask.Mobile(g.Phone), g.Relation);
        return new CaseView(
            s.CaseId, s.CaseNumber, s.Item.Code, s.Item.Version, s.Item.Name, s.Mode, s.Channel, s.ReceivingUnitId, s.Status, s.Outcome,
            applicant, agent, s.CounterpartRegion,
            s.Legs.Select(l => new LegView(l.LegId, l.UnitId, l.Role, l.Order, l.Status, l.Reason, l.Result)).ToList(),
            s.Materials, s.OriginalsReceived,
            s.Mailings.Select(m => new MailingView(m.MailingId, m.Purpose, m.Carrier, m.WaybillNumber, m.Status, m.SignedAt,
                full ? m.SignedBy : m.SignedBy is null ? null : PersonalDataMask.Name(m.SignedBy))).ToList(),
            s.Deadlines.Select(d => Deadline(d, workingDaysBetween, today)).ToList(),
            s.ResultDelivery is { } r ? new ResultDeliveryView(r.Method, r.WaybillNumber, r.Url, r.StartedAt) : null,
            s.Rating is { } rating ? new RatingView(rating.Level, full ? rating.Comment : null, rating.Channel, rating.At, rating.RatedUnitId) : null,
            s.Rectification is { } rc ? new RectificationView(rc.UnitId, rc.OpenedAt, rc.Note, rc.DoneAt) : null,
            full ? s.Warnings : [],
            s.Timeline.Select(t => new TimelineView(t.At, t.Type, full ? t.By : t.By.Split(':')[0], full ? t.Detail : null)).ToList(),
            queryCode);
    }

    /// <summary>超期天数: working days past the due day, until done (or until today while still open).</summary>
    private static DeadlineView Deadline(Deadline d, Func<DateOnly, DateOnly, int> workingDaysBetween, DateOnly today)
    {
        var end = d.MetAt is { } met ? CaseContext.ChinaDate(met) : today;
        var over = d.CancelledAt is null && end > d.Due ? workingDaysBetween(d.Due, end) : 0;
        return new DeadlineView(d.DeadlineId, d.Step, d.LegId, d.UnitId, d.Due, d.Provisional, d.MetAt is not null,
            d.MissedAt is not null || over > 0, d.CancelledAt is not null, over > 0 ? over : null);
    }
}
