using System.Collections.Immutable;

namespace KuaSheng.Domain.Cases;

/// <summary>How each event changes the state: bookkeeping only, no rules. The case's and its legs' statuses follow
/// <see cref="CaseStatusFold"/> (shared with <see cref="CaseSummary"/>); the rest is here.</summary>
internal static class CaseEvolution
{
    public static CaseState Apply(CaseState s, CaseEvent e)
    {
        var (next, type, detail) = Evolve(s, e);
        // A leg forwarded (again) forgets the reason of an earlier return.
        var legs = CaseStatusFold.ApplyToLegs(next.Legs, e, l => l.LegId,
            (l, status) => l with { Status = status, Reason = status == LegStatus.Forwarded ? null : l.Reason });
        var (status, beforeSuspension) = CaseStatusFold.StatusAfter(s.Status, s.StatusBeforeSuspension, legs.Select(l => l.Status), e);
        next = next with { Legs = legs, Status = status, StatusBeforeSuspension = beforeSuspension };
        return type is null ? next : next.Log(e, type, detail);
    }

    private static (CaseState Next, string? Type, string? Detail) Evolve(CaseState s, CaseEvent e) => e switch
    {
        CaseSubmitted => throw new InvalidOperationException("A case is submitted once; start from CaseState.Start."),
        FormReviewed { Passed: true } f => (s with { FormPassed = true, MissingMaterials = [] }, "form-review-passed", f.Note),
        FormReviewed f => (s with
        {
            FormPassed = false,
            MissingMaterials = [.. f.Missing],
            ClockPausedSince = e.At,
        }, "supplement-requested", string.Join("、", f.Missing)),
        // After a return the form stays reviewed: only the materials grow, and the legs go out again (status: the fold).
        SupplementProvided p when s.Status == CaseStatus.Returned =>
            (s with { Materials = AddMaterials(s, p) }, "supplement-provided", Names(p)),
        SupplementProvided p => (s with
        {
            Materials = AddMaterials(s, p),
            MissingMaterials = [],
            FormPassed = null,
            ClockPausedSince = null,
        }, "supplement-provided", Names(p)),
        IdentityVerified v => (s with { IdentityPassed = v.Passed }, v.Passed ? "identity-verified" : "identity-failed", v.Method.ToKebab()),
        CaseNotAccepted n => (s with { ClockPausedSince = null }, "not-accepted", n.Reason),
        LegsForwarded f => (s, "forwarded", string.Join(",", f.LegIds)),
        LegAccepted a => (s, "leg-accepted", a.LegId),
        LegReturned r => (s with { Legs = SetLeg(s, r.LegId, l => l with { Reason = r.Reason }) }, "leg-returned", $"{r.LegId}: {r.Reason}"),
        LegDecided d => (s with { Legs = SetLeg(s, d.LegId, l => l with { Reason = d.Reason, Result = d.Result }) },
            d.Outcome == DecisionOutcome.Approved ? "leg-approved" : "leg-denied", d.LegId),
        CaseDecided d => (s with { Outcome = d.Outcome }, "decided", d.Outcome.ToKebab()),
        MailingRegistered m => (s with
        {
            Mailings = s.Mailings.Add(new Mailing(m.MailingId, m.Purpose, m.Carrier, m.WaybillNumber, CarrierStatus.Registered, [])),
        }, "mailing-registered", $"{m.Purpose.ToKebab()} {m.Carrier ?? "carrier unknown"}"),
        CarrierEventRecorded c => (s with { Mailings = s.Mailings.ConvertAll(m => m.MailingId == c.MailingId ? MailTracking.Record(m, c) : m) },
            "carrier-" + c.Status.ToKebab(), c.MailingId),
        OriginalsReceived o => (s with { OriginalsReceived = true }, "originals-received", o.MailingId),
        ResultDeliveryStarted r => (s with
        {
            ResultDelivery = new ResultDelivery(r.Method, r.WaybillNumber, r.Url, r.At),
        }, "delivering", r.Method.ToKebab()),
        CaseCompleted => (s with { CompletedAt = e.At }, "completed", null),
        CaseWithdrawn w => (s with { ClockPausedSince = null }, "withdrawn", w.Reason),
        CaseSuspended p => (s with
        {
            Suspension = new Suspension(SuspensionKind.Other, p.Reason, p.At, p.WorkingDays),
            ClockPausedSince = p.At,
        }, "suspended", p.Reason),
        CaseResumed => (s with
        {
            Suspension = null,
            ClockPausedSince = null,
        }, "resumed", null),
        ExtensionGranted x => (s with { ExtensionDays = s.ExtensionDays + x.WorkingDays }, "extension-granted", $"{x.WorkingDays}: {x.Reason}"),
        CaseRated r => (s with { Rating = new Rating(r.Level, r.Comment, r.Channel, r.At, r.RatedUnitId) }, "rated", r.Level.ToKebab()),
        RectificationOpened o => (s with { Rectification = new Rectification(o.UnitId, o.At) }, "rectification-opened", o.UnitId),
        RectificationRecorded r => (s with { Rectification = s.Rectification! with { Note = r.Note, DoneAt = r.At } }, "rectified", r.Note),
        DeadlineMissed m => (s with { Deadlines = DeadlineChanges.Apply(s.Deadlines, e) }, "overdue", StepOf(s, m.DeadlineId)),
        DeadlinesShifted { Reason: { } reason } => (s with { Deadlines = DeadlineChanges.Apply(s.Deadlines, e) }, "deadlines-recounted", reason),
        DeadlineSet or DeadlineMet or DeadlinesCancelled or DeadlinesShifted => (s with { Deadlines = DeadlineChanges.Apply(s.Deadlines, e) }, null, null),
        _ => throw new InvalidOperationException($"No rule to apply {e.GetType().Name}."),
    };

    private static ImmutableList<Material> AddMaterials(CaseState s, SupplementProvided p) =>
        s.Materials.AddRange(p.Materials.Where(m => !s.Materials.Contains(m)));

    private static string Names(SupplementProvided p) => string.Join("、", p.Materials.Select(m => m.Name));

    private static string? StepOf(CaseState s, string deadlineId) => s.Deadlines.Find(d => d.DeadlineId == deadlineId)?.Step.ToKebab();

    private static ImmutableList<Leg> SetLeg(CaseState s, string legId, Func<Leg, Leg> change) =>
        s.Legs.ConvertAll(l => l.LegId == legId ? change(l) : l);
}
