using KuaSheng.Api.Auth;
using KuaSheng.Api.Idempotency;
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
        // The case keeps the answer of the submission that created it (EntityKeepsAnswers): its id derives from the caller
        // and the Idempotency-Key, so a repeat reaches the same case, which answers it as the first time.
        cases.MapPost("/", Submit).Produces<CaseView>(StatusCodes.Status201Created).WithSummary("Receive an application (收件)")
            .WithMetadata(EntityKeepsAnswers.Instance);
        cases.MapGet("/{caseId}", Get).Produces<CaseView>().WithSummary("A case as it is now");
        return api;
    }

    private static async Task<IResult> Submit(HttpContext http, SubmitCaseBody body, CaseEndpointSupport support, CaseIntake intake)
    {
        if (Caller.From(http.User) is not { } caller) return Problem.Forbidden("Only windows and integrations receive applications.");
        if (MaterialBodies.NullEntry(body.Materials) is { } nullEntry) return nullEntry;
        var key = http.Request.Headers[ApiHeaders.IdempotencyKey].ToString();
        var (submission, refusal) = intake.Prepare(caller, body, key);
        if (refusal is not null) return Problem.From(refusal);
        var answer = await intake.SendAsync(submission!, CaseEndpointSupport.CommandId(http, caller), http.RequestAborted,
            http.Items[EntityKeepsAnswers.RequestHashItem] as string, EntityKeepsAnswers.RepeatOnly(http));
        CaseEndpointSupport.MarkRepeat(http, answer);
        return support.Answer(answer, caller, StatusCodes.Status201Created, submission!.QueryCode);
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
