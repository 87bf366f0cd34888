using KuaSheng.Api.Cases;
using KuaSheng.Api.Idempotency;
using KuaSheng.Api.Problems;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KuaSheng.Api.Public;

/// <summary>办件查询 and 好差评 for applicants: the case number and the query code handed out at submission, no
/// token; the view is always masked. <see cref="QueryCodeFilter"/> checks the code before a handler runs: a wrong code
/// and an unknown number answer the same 404, so the endpoint tells nobody which case numbers exist, and a case with
/// too many wrong codes answers 429 for a while (the handlers take <c>queryCode</c> only so that the OpenAPI document
/// lists it). The rate limiter's <c>public</c> policy limits each client address.</summary>
public static class PublicEndpoints
{
    public static RouteGroupBuilder MapPublicEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/public/cases/{caseNumber}").AllowAnonymous().WithTags("Public")
            .AddEndpointFilter<QueryCodeFilter>().RequireRateLimiting(Hardening.RateLimits.PublicPolicy);
        group.MapGet("/", Lookup).Produces<CaseView>().WithSummary("办件查询 (masked)");
        // The case keeps the rating's answer under its Idempotency-Key (EntityKeepsAnswers), as it does a step's.
        group.MapPost("/rating", Rate).Produces<CaseView>().WithSummary("好差评 by the applicant").WithMetadata(EntityKeepsAnswers.Instance);
        return api;
    }

    private static async Task<IResult> Lookup(HttpContext http, string caseNumber, string? queryCode, CaseEndpointSupport support)
    {
        if (CaseIds.CaseIdOf(caseNumber) is not { } caseId) return NotFound();
        return Masked(await support.Gateway.Get(caseId, http.RequestAborted), support);
    }

    /// <summary>One ask: the query code is the applicant's authorization, checked by <see cref="QueryCodeFilter"/>
    /// before; the case answers not-found when it does not exist.</summary>
    private static async Task<IResult> Rate(HttpContext http, string caseNumber, string? queryCode, RatingBody body, CaseEndpointSupport support)
    {
        if (CaseIds.CaseIdOf(caseNumber) is not { } caseId) return NotFound();
        // A retry with the same Idempotency-Key is the same rating; anything else is a second rating, which is refused.
        var key = http.Request.Headers[ApiHeaders.IdempotencyKey].ToString();
        var answer = await RateAsync(support.Gateway, caseId, key, body, http.RequestAborted, http.Items[EntityKeepsAnswers.RequestHashItem] as string,
            EntityKeepsAnswers.RepeatOnly(http));
        CaseEndpointSupport.MarkRepeat(http, answer);
        return Masked(answer, support);
    }

    /// <summary>好差评 by the applicant, whose query code was checked (<see cref="PublicCaseGate"/>): a retry with the
    /// same key is the same rating; anything else is a second rating, which the case refuses. The console's 公众查询
    /// rates through here too.</summary>
    /// <param name="requestHash">Of the HTTP request that carried the key (<see cref="EntityKeepsAnswers"/>), if any.</param>
    /// <param name="repeatOnly">The case only answers again (<see cref="EntityKeepsAnswers.RepeatOnlyItem"/>).</param>
    public static Task<CaseAnswer> RateAsync(CaseGateway gateway, string caseId, string? key, RatingBody body, CancellationToken ct,
        string? requestHash = null, bool repeatOnly = false)
    {
        var applicant = new CommandActor("applicant", "public", null);
        var commandId = string.IsNullOrEmpty(key) ? Guid.NewGuid().ToString("N") : $"public-rating:{caseId}:{key}";
        return gateway.Send(caseId, commandId, new Rate(body.Level, body.Comment, body.Channel ?? "online", applicant), ct, requestHash,
            repeatOnly);
    }

    private static IResult Masked(CaseAnswer answer, CaseEndpointSupport support)
    {
        if (answer.Unavailable is { } why) return Problems.Problem.Unavailable(why);
        if (answer.State is null && answer.Refusal is null or { Code: RefusalCodes.NotFound }) return NotFound();
        if (answer.Refusal is { } refusal) return Problems.Problem.From(refusal);
        return TypedResults.Ok(support.View(answer.State!, caller: null, on: answer.DecidedAt is { } at ? CaseContext.ChinaDate(at) : null));
    }

    internal static IResult NotFound() => Problems.Problem.NotFound("No case matches this case number and query code (办件编号或查询码不正确).");
}
