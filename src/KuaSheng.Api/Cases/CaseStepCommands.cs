using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Api.Cases;

/// <summary>The command each case step sends, from the body of its request and the caller: one translation for the API's
/// endpoints (<see cref="CaseStepEndpoints"/>) and the console's forms. Whether the caller may take the step is the
/// case's to decide (<see cref="CaseAdmission"/>).</summary>
public static class CaseStepCommands
{
    public static CaseCommand FormReview(FormReviewBody b, Caller c) => new ReviewForm(b.Passed, Clean(b.Missing), b.Note, c.AsActor());

    public static CaseCommand Supplement(SupplementBody b, Caller c) =>
        new ProvideSupplement((b.Materials ?? []).Select(m => new Material(m.Name?.Trim() ?? "", m.Original)).ToList(), c.AsActor());

    public static CaseCommand Identity(IdentityBody b, Caller c) => new VerifyIdentity(b.Method, b.Passed, c.AsActor());

    public static CaseCommand NotAccepted(ReasonBody b, Caller c) => new RefuseCase(b.Reason ?? "", c.AsActor());

    public static CaseCommand Acceptance(string legId, AcceptanceBody b, Caller c) => new DecideAcceptance(legId, b.Accepted, b.Reason, c.AsActor());

    public static CaseCommand Decision(string legId, DecisionBody b, Caller c) => new DecideLeg(legId, b.Outcome, b.Reason,
        b.ResultDocument is { Title: { Length: > 0 } t, Number: { Length: > 0 } n } d ? new ResultDocument(t, n, d.Url) : null,
        c.AsActor());

    // Waybill numbers go as typed: the case checks them after it has checked the caller (TypedWaybills).
    public static CaseCommand Mailing(MailingBody b, Caller c) =>
        new RegisterMailing(null, b.Purpose, b.Carrier?.Trim() ?? "", b.WaybillNumber ?? "", c.AsActor());

    public static CaseCommand OriginalsReceived(Caller c) => new ReceiveOriginals(c.AsActor());

    public static CaseCommand ResultDelivery(ResultDeliveryBody b, Caller c) =>
        new DeliverResult(b.Method, b.WaybillNumber, b.Carrier?.Trim(), b.Url, null, c.AsActor());

    public static CaseCommand ResultCollected(Caller c) => new ConfirmResultCollected(c.AsActor());

    public static CaseCommand Withdrawal(ReasonBody b, Caller c) => new Withdraw(b.Reason ?? "", c.AsActor());

    public static CaseCommand Suspension(SuspensionBody b, Caller c) => new Suspend(b.Kind, b.Reason ?? "", b.WorkingDays, c.AsActor());

    public static CaseCommand Resumption(Caller c) => new Resume(c.AsActor());

    public static CaseCommand Rating(RatingBody b, Caller c) => new Rate(b.Level, b.Comment, b.Channel ?? c.Role, c.AsActor());

    public static CaseCommand Rectification(NoteBody b, Caller c) => new RecordRectification(b.Note ?? "", c.AsActor());

    private static IReadOnlyList<string> Clean(IReadOnlyList<string>? names) =>
        (names ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToList();
}
