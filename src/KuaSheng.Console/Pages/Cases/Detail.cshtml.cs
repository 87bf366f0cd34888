using KuaSheng.Api.Cases;
using KuaSheng.Console.Cases;
using KuaSheng.Console.Localization;
using KuaSheng.Domain;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using Microsoft.AspNetCore.Mvc;

namespace KuaSheng.Console.Pages.Cases;

/// <summary>
/// 办件详情: the case as the caller may see it (<see cref="CaseAccess.CanRead"/>; personal data masked unless
/// <see cref="CaseAccess.SeesPersonalData"/>) — timeline, legs, deadlines in working days, materials, mailings with
/// their carrier events, rating and rectification — and the forms of the steps the caller may take now
/// (<see cref="CaseAccess.MayTake"/> offers them; the case admits or refuses each one as it would over the API). Every
/// form posts back here with its token (<see cref="FormTokens"/>), then the page is shown again (post/redirect/get).
/// </summary>
public sealed class DetailModel(ConsoleCases cases, ConsoleDue due) : ConsolePageModel
{
    public CaseState State { get; private set; } = null!;
    public CaseView Case { get; private set; } = null!;
    public ConsoleDue Due => due;
    public string FormToken { get; } = FormTokens.New();
    public Text? Problem { get; private set; }
    public string? Refusal { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string caseId) => await Show(caseId);

    /// <summary>May the caller take a step of this kind on this case (the Domain's rule, with a sample command)?</summary>
    public bool May(CaseCommand step) => Me is { } c && CaseAccess.MayTake(c, State, step);

    private static readonly CommandActor Nobody = new("", "", null);

    // The forms offered: the caller may take the step (the Domain's rule) and the case is where the step makes sense.
    // The case decides in the end; a form shown at the wrong moment only earns a refusal.
    public bool OffersFormReview => May(new ReviewForm(true, [], null, Nobody)) && State.Status == CaseStatus.Received && State.FormPassed != true;
    public bool OffersIdentity => May(new VerifyIdentity(IdentityMethod.Face, true, Nobody)) && State.Status == CaseStatus.Received && State.IdentityPassed != true;
    public bool OffersSupplement => May(new ProvideSupplement([], Nobody)) && State.Status is CaseStatus.SupplementRequested or CaseStatus.Returned;
    public bool OffersNotAccepted => May(new RefuseCase("", Nobody)) && State.Status is CaseStatus.Received or CaseStatus.SupplementRequested;
    public IEnumerable<Leg> LegsToAccept => State.Legs.Where(l => l.Status == LegStatus.Forwarded && May(new DecideAcceptance(l.LegId, true, null, Nobody)));
    public IEnumerable<Leg> LegsToDecide => State.Legs.Where(l => l.Status == LegStatus.Accepted && May(new DecideLeg(l.LegId, DecisionOutcome.Approved, null, null, Nobody)));
    public bool OffersSuspension => May(new Suspend(SuspensionKind.Other, "", null, Nobody)) && State.Status is CaseStatus.Forwarded or CaseStatus.Accepted;
    public bool OffersResumption => May(new Resume(Nobody)) && State.Status == CaseStatus.Suspended;
    public bool OffersOriginalsReceived => May(new ReceiveOriginals(Nobody)) && State.NeedsOriginals && !State.OriginalsReceived && !State.Status.IsTerminal();
    public bool OffersOriginalsMailing => May(new RegisterMailing(null, MailingPurpose.Originals, "", "", Nobody)) && CaseAccess.IsReceiver(Me!, State)
        && State.NeedsOriginals && !State.OriginalsReceived && State.Mailings.All(m => m.Purpose != MailingPurpose.Originals) && State.Status.IsBeforeDecision();
    public bool OffersResultDelivery => May(new DeliverResult(DeliveryMethod.Pickup, null, null, null, null, Nobody)) && State.Status == CaseStatus.Decided;
    public bool OffersResultCollected => May(new ConfirmResultCollected(Nobody)) && State.Status == CaseStatus.Delivering
        && State.ResultDelivery is { Method: DeliveryMethod.Pickup or DeliveryMethod.Electronic };
    public bool OffersWithdrawal => May(new Withdraw("", Nobody)) && State.Status.IsBeforeDecision();
    public bool OffersRating => May(new Rate(RatingLevel.Satisfied, null, "window", Nobody)) && State.Status == CaseStatus.Completed && State.Rating is null;
    public bool OffersRectification => May(new RecordRectification("", Nobody)) && State.Rectification is { DoneAt: null };

    public Task<IActionResult> OnPostFormReviewAsync(string caseId, string? token, bool passed, string? missing, string? note) =>
        Step(caseId, "form-review", token, c => CaseStepCommands.FormReview(new FormReviewBody(passed, Lines(missing), note), c));

    public Task<IActionResult> OnPostIdentityAsync(string caseId, string? token, string? method, bool passed) =>
        Step(caseId, "identity-verification", token, c => CaseStepCommands.Identity(
            new IdentityBody(Kebab.TryParse<IdentityMethod>(method ?? "", out var m) ? m : IdentityMethod.Document, passed), c));

    public Task<IActionResult> OnPostSupplementAsync(string caseId, string? token, string? materials) =>
        Step(caseId, "supplement", token, c => CaseStepCommands.Supplement(
            new SupplementBody(Lines(materials).Select(n => new MaterialBody(n, false)).ToList()), c));

    public Task<IActionResult> OnPostNotAcceptedAsync(string caseId, string? token, string? reason) =>
        Step(caseId, "not-accepted", token, c => CaseStepCommands.NotAccepted(new ReasonBody(reason), c));

    public Task<IActionResult> OnPostAcceptanceAsync(string caseId, string? token, string legId, bool accepted, string? reason) =>
        Step(caseId, $"acceptance:{legId}", token, c => CaseStepCommands.Acceptance(legId, new AcceptanceBody(accepted, reason), c));

    public Task<IActionResult> OnPostDecisionAsync(string caseId, string? token, string legId, string? outcome, string? reason,
        string? title, string? number, string? url) =>
        Step(caseId, $"decision:{legId}", token, c => CaseStepCommands.Decision(legId, new DecisionBody(
            outcome == "denied" ? DecisionOutcome.Denied : DecisionOutcome.Approved, reason,
            new ResultDocumentBody(title?.Trim(), number?.Trim(), string.IsNullOrWhiteSpace(url) ? null : url.Trim())), c));

    public Task<IActionResult> OnPostSuspensionAsync(string caseId, string? token, string? kind, string? reason, int? workingDays) =>
        Step(caseId, "suspension", token, c => CaseStepCommands.Suspension(
            new SuspensionBody(kind == "extension" ? SuspensionKind.Extension : SuspensionKind.Other, reason, workingDays), c));

    public Task<IActionResult> OnPostResumptionAsync(string caseId, string? token) =>
        Step(caseId, "resumption", token, CaseStepCommands.Resumption);

    public Task<IActionResult> OnPostOriginalsReceivedAsync(string caseId, string? token) =>
        Step(caseId, "originals-received", token, CaseStepCommands.OriginalsReceived);

    public Task<IActionResult> OnPostMailingAsync(string caseId, string? token, string? purpose, string? carrier, string? waybill) =>
        Step(caseId, "mailings", token, c => CaseStepCommands.Mailing(
            new MailingBody(purpose == "result" ? MailingPurpose.Result : MailingPurpose.Originals, carrier, waybill?.Trim()), c));

    public Task<IActionResult> OnPostResultDeliveryAsync(string caseId, string? token, string? method, string? carrier, string? waybill, string? url) =>
        Step(caseId, "result-delivery", token, c => CaseStepCommands.ResultDelivery(new ResultDeliveryBody(
            Kebab.TryParse<DeliveryMethod>(method ?? "", out var m) ? m : DeliveryMethod.Pickup,
            string.IsNullOrWhiteSpace(waybill) ? null : waybill.Trim(), carrier, string.IsNullOrWhiteSpace(url) ? null : url.Trim()), c));

    public Task<IActionResult> OnPostResultCollectedAsync(string caseId, string? token) =>
        Step(caseId, "result-collected", token, CaseStepCommands.ResultCollected);

    public Task<IActionResult> OnPostWithdrawalAsync(string caseId, string? token, string? reason) =>
        Step(caseId, "withdrawal", token, c => CaseStepCommands.Withdrawal(new ReasonBody(reason), c));

    public Task<IActionResult> OnPostRatingAsync(string caseId, string? token, string? level, string? comment) =>
        Step(caseId, "rating", token, c => CaseStepCommands.Rating(new RatingBody(
            Kebab.TryParse<RatingLevel>(level ?? "", out var l) ? l : RatingLevel.Satisfied, string.IsNullOrWhiteSpace(comment) ? null : comment, "window"), c));

    public Task<IActionResult> OnPostRectificationAsync(string caseId, string? token, string? note) =>
        Step(caseId, "rectification", token, c => CaseStepCommands.Rectification(new NoteBody(note), c));

    private async Task<IActionResult> Step(string caseId, string step, string? token, Func<Caller, CaseCommand> build)
    {
        var outcome = await cases.StepAsync(caseId, Me!, step, token, build, HttpContext.RequestAborted);
        if (outcome.Done) return Redirect($"/console/cases/{caseId}?done={Uri.EscapeDataString(step.Split(':')[0])}");
        Refusal = outcome.Refusal;
        return await Show(caseId, outcome.RefusalCode switch
        {
            RefusalCodes.ValidationFailed => 400,
            RefusalCodes.Forbidden => 403,
            RefusalCodes.NotFound => 404,
            "unavailable" => 503,
            _ => 409,
        });
    }

    private async Task<IActionResult> Show(string caseId, int status = 200)
    {
        var read = await cases.ReadAsync(caseId, Me!, HttpContext.RequestAborted);
        if (read.Problem is { } problem)
        {
            Problem = problem;
            Response.StatusCode = read.Status;
            return read.Status == 403 ? Forbid(Auth.ConsoleAuth.Scheme) : Page();
        }
        State = read.State!;
        Case = read.View!;
        Response.StatusCode = status;
        return Page();
    }

    private static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split(['\n', '、', ',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
