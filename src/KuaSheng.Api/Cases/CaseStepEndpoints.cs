using KuaSheng.Api.Auth;
using KuaSheng.Api.Idempotency;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KuaSheng.Api.Cases;

/// <summary>The steps of a case after receipt: window checks, leg acceptance and decisions, mail, delivery,
/// withdrawal, special procedures, rating and rectification.</summary>
public static class CaseStepEndpoints
{
    public static RouteGroupBuilder MapCaseStepEndpoints(this RouteGroupBuilder api)
    {
        // The case keeps the answers of its steps (EntityKeepsAnswers): a repeat of an Idempotency-Key costs no record.
        var steps = api.MapGroup("/cases/{caseId}").RequireAuthorization().WithTags("Case steps").WithMetadata(EntityKeepsAnswers.Instance)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(CaseView), ["application/json"]));

        steps.MapPost("/form-review", (HttpContext h, string caseId, FormReviewBody b, CaseEndpointSupport s) =>
            s.Step(h, caseId, c => CaseStepCommands.FormReview(b, c)))
            .WithSummary("形式审查: passed, or failed with every missing material (补正)");
        steps.MapPost("/supplement", (HttpContext h, string caseId, SupplementBody b, CaseEndpointSupport s) =>
            MaterialBodies.NullEntry(b.Materials) is { } nullEntry ? Task.FromResult(nullEntry) : s.Step(h, caseId, c => CaseStepCommands.Supplement(b, c)))
            .WithSummary("补正材料 handed in");
        steps.MapPost("/identity-verification", (HttpContext h, string caseId, IdentityBody b, CaseEndpointSupport s) =>
            s.Step(h, caseId, c => CaseStepCommands.Identity(b, c)))
            .WithSummary("身份核验");
        steps.MapPost("/not-accepted", (HttpContext h, string caseId, ReasonBody b, CaseEndpointSupport s) =>
            s.Step(h, caseId, c => CaseStepCommands.NotAccepted(b, c)))
            .WithSummary("不予受理");

        steps.MapPost("/legs/{legId}/acceptance", (HttpContext h, string caseId, string legId, AcceptanceBody b, CaseEndpointSupport s) =>
            s.Step(h, caseId, c => CaseStepCommands.Acceptance(legId, b, c)))
            .WithSummary("受理 or 退回 of a leg");
        steps.MapPost("/legs/{legId}/decision", (HttpContext h, string caseId, string legId, DecisionBody b, CaseEndpointSupport s) =>
            s.Step(h, caseId, c => CaseStepCommands.Decision(legId, b, c)))
            .WithSummary("审批决定 of a leg");

        steps.MapPost("/mailings", (HttpContext h, string caseId, MailingBody b, CaseEndpointSupport s) =>
            s.Step(h, caseId, c => CaseStepCommands.Mailing(b, c)))
            .WithSummary("寄递 of originals or of the result, with carrier and waybill");
        steps.MapPost("/originals-received", (HttpContext h, string caseId, CaseEndpointSupport s) =>
            s.Step(h, caseId, CaseStepCommands.OriginalsReceived))
            .WithSummary("原件 handed over without a carrier");
        steps.MapPost("/result-delivery", (HttpContext h, string caseId, ResultDeliveryBody b, CaseEndpointSupport s) =>
            s.Step(h, caseId, c => CaseStepCommands.ResultDelivery(b, c)))
            .WithSummary("送达 of the result: mail, electronic or pickup");
        steps.MapPost("/result-collected", (HttpContext h, string caseId, CaseEndpointSupport s) =>
            s.Step(h, caseId, CaseStepCommands.ResultCollected))
            .WithSummary("The result was picked up or received electronically");

        steps.MapPost("/withdrawal", (HttpContext h, string caseId, ReasonBody b, CaseEndpointSupport s) =>
            s.Step(h, caseId, c => CaseStepCommands.Withdrawal(b, c)))
            .WithSummary("撤回 at the applicant's request");
        steps.MapPost("/suspension", (HttpContext h, string caseId, SuspensionBody b, CaseEndpointSupport s) =>
            s.Step(h, caseId, c => CaseStepCommands.Suspension(b, c)))
            .WithSummary("特别程序: extension (延长审批) or other (clock stops)");
        steps.MapPost("/resumption", (HttpContext h, string caseId, CaseEndpointSupport s) =>
            s.Step(h, caseId, CaseStepCommands.Resumption))
            .WithSummary("End of the special procedure");
        steps.MapPost("/rating", (HttpContext h, string caseId, RatingBody b, CaseEndpointSupport s) =>
            s.Step(h, caseId, c => CaseStepCommands.Rating(b, c)))
            .WithSummary("好差评 given at the window or through an integration");
        steps.MapPost("/rectification", (HttpContext h, string caseId, NoteBody b, CaseEndpointSupport s) =>
            s.Step(h, caseId, c => CaseStepCommands.Rectification(b, c)))
            .WithSummary("整改 of a bad rating, with the follow-up");
        return api;
    }
}
