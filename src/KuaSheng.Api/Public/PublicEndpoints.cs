using KuaSheng.Api.Cases;
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
        group.MapPost("/rating", Rate).Produces<CaseView>().WithSummary("好差评 by the applicant");
        return api;
    }

    private static async Task<(CaseState? State, IResult? Problem)> Find(string caseNumber, CaseEndpointSupport support, CancellationToken ct)
    {
        var caseId = CaseIds.CaseIdOf(caseNumber);
        if (caseId is null) return (null, NotFound());
        var answer = await support.Gateway.Get(caseId, ct);
        if (answer.Unavailable is { } why) return (null, Problems.Problem.Unavailable(why));
        return answer.State is null ? (null, NotFound()) : (answer.State, null);
    }

    internal static IResult NotFound() => Problems.Problem.NotFound("No case matches this case number and query code (办件编号或查询码不正确).");

    private static async Task<IResult> Lookup(HttpContext http, string caseNumber, string? queryCode, CaseEndpointSupport support)
    {
        var (state, problem) = await Find(caseNumber, support, http.RequestAborted);
        return problem ?? TypedResults.Ok(support.View(state!, caller: null));
    }

    private static async Task<IResult> Rate(HttpContext http, string caseNumber, string? queryCode, RatingBody body, CaseEndpointSupport support)
    {
        var (state, problem) = await Find(caseNumber, support, http.RequestAborted);
        if (problem is not null) return problem;
        var applicant = new CommandActor("applicant", "public", null);
        // A retry with the same Idempotency-Key is the same rating; anything else is a second rating, which is refused.
        var key = http.Request.Headers[ApiHeaders.IdempotencyKey].ToString();
        var commandId = string.IsNullOrEmpty(key) ? Guid.NewGuid().ToString("N") : $"public-rating:{state!.CaseId}:{key}";
        var answer = await support.Gateway.Send(state!.CaseId, commandId, new Rate(body.Level, body.Comment, body.Channel ?? "online", applicant), http.RequestAborted);
        if (answer.Unavailable is { } why) return Problems.Problem.Unavailable(why);
        if (answer.Refusal is { } refusal) return Problems.Problem.From(refusal);
        return TypedResults.Ok(support.View(answer.State!, caller: null));
    }
}
