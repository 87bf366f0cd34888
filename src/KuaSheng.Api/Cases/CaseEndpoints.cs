using KuaSheng.Api.Auth;
using KuaSheng.Api.Problems;
using KuaSheng.Domain;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Intake;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KuaSheng.Api.Cases;

/// <summary>POST /cases (收件) and GET /cases/{caseId}.</summary>
public static class CaseEndpoints
{
    public static RouteGroupBuilder MapCaseEndpoints(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").RequireAuthorization().WithTags("Cases");
        cases.MapPost("/", Submit).Produces<CaseView>(StatusCodes.Status201Created).WithSummary("Receive an application (收件)");
        cases.MapGet("/{caseId}", Get).Produces<CaseView>().WithSummary("A case as it is now");
        return api;
    }

    private static async Task<IResult> Submit(HttpContext http, SubmitCaseBody body, CaseEndpointSupport support)
    {
        if (Caller.From(http.User) is not { } caller || !CaseAccess.MaySubmit(caller))
            return Problem.Forbidden("Only windows and integrations receive applications.");
        if (caller.Role == Roles.Window && body.Channel != Channel.Window)
            return Problem.Validation("channel", "A window receives applications on channel window.");
        if (!CaseAccess.MaySubmitFor(caller, body.Channel, body.ReceivingUnitId))
            return Problem.Forbidden($"You may not receive applications for unit {ProblemText.Shown(body.ReceivingUnitId)}.");
        if (body.Applicant is null) return Problem.Validation("applicant", "The applicant (申请人) is required.");
        if (body.Delivery is null) return Problem.Validation("delivery", "Choose how the result is delivered (mail, electronic or pickup).");
        if (MaterialBodies.NullEntry(body.Materials) is { } nullEntry) return nullEntry;

        var key = http.Request.Headers[ApiHeaders.IdempotencyKey].ToString();
        var caseId = support.Ids.NewCaseId(caller, key);
        var queryCode = support.Ids.QueryCode(caseId);
        var identity = new CaseIdentity(caseId, CaseIds.CaseNumber(caseId, support.Today), CaseIds.HashQueryCode(queryCode));
        var application = new CaseApplication(body.ItemCode, body.Mode, body.Channel, body.Channel == Channel.Online ? null : body.ReceivingUnitId,
            new ApplicantInput(body.Applicant.Kind, body.Applicant.Name, body.Applicant.IdNumber, body.Applicant.Phone, body.Applicant.Region, body.Applicant.TownCode),
            body.Agent is { } a ? new AgentInput(a.Name, a.IdNumber, a.Phone, a.Relation) : null,
            body.CounterpartRegion,
            (body.Materials ?? []).Select(m => new Material(m.Name?.Trim() ?? "", m.Original)).ToList(),
            new DeliveryPreference(body.Delivery.Method, body.Delivery.Address));
        var reference = support.Reference.Current;
        var (command, refusal) = SubmissionRules.Prepare(application, identity, reference.Catalogue, reference.Units, support.Today,
            caller.AsActor(body.ReceivingUnitId));
        if (refusal is not null) return Problem.From(refusal);

        var answer = await support.Gateway.Send(caseId, CaseEndpointSupport.CommandId(http, caller), command!, http.RequestAborted);
        return support.Answer(answer, caller, StatusCodes.Status201Created, queryCode);
    }

    private static async Task<IResult> Get(HttpContext http, string caseId, CaseEndpointSupport support)
    {
        if (Caller.From(http.User) is not { } caller) return Problem.Forbidden("Unknown caller.");
        if (!CaseIds.IsCaseId(caseId)) return Problem.NotFound($"Case {ProblemText.Shown(caseId)} was not found.");
        var answer = await support.Gateway.Get(caseId, http.RequestAborted);
        if (answer.Unavailable is { } why) return Problem.Unavailable(why);
        if (answer.State is null) return Problem.NotFound($"Case {ProblemText.Shown(caseId)} was not found.");
        if (!CaseAccess.CanRead(caller, answer.State)) return Problem.Forbidden($"Case {ProblemText.Shown(caseId)} is not handled by your unit.");
        return TypedResults.Ok(support.View(answer.State, caller));
    }
}
