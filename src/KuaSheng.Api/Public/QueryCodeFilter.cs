using System.Data.Common;
using System.Text.RegularExpressions;
using KuaSheng.Api.Audit;
using KuaSheng.Api.Cases;
using KuaSheng.Api.Hardening;
using KuaSheng.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Api.Public;

/// <summary>
/// The gate of every endpoint under <c>/public/cases/{caseNumber}</c>: the endpoint runs only for the right query code
/// of a case that is not locked (<see cref="QueryCodeCheck"/>). A malformed number, an unknown case and a wrong code
/// all answer the same 404; a locked case answers 429 <c>too-many-requests</c> with <c>Retry-After</c>, whatever the
/// code — so neither answer tells a guesser anything about the code or whether the case exists.
/// </summary>
public sealed partial class QueryCodeFilter(QueryCodeCheck check, AuditQueue audit, TimeProvider time, ILogger<QueryCodeFilter> log) : IEndpointFilter
{
    public const string CaseNumberRoute = "caseNumber";
    public const string CodeParameter = "queryCode";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var number = http.Request.RouteValues[CaseNumberRoute] as string ?? "";
        var codes = http.Request.Query[CodeParameter];
        // Only numbers of the shape we issue are counted (and logged): the case id decides the lock, whatever date they carry.
        if (!IssuedShape().IsMatch(number) || CaseIds.CaseIdOf(number.ToUpperInvariant()) is not { } caseId) return PublicEndpoints.NotFound();
        QueryCodeVerdict verdict;
        try
        {
            verdict = await check.CheckAsync(caseId, number.ToUpperInvariant(), codes.Count == 1 ? codes[0] : null, http.RequestAborted);
        }
        catch (Exception e) when (e is DbException or TimeoutException)
        {
            // Fail closed: without the failure records a code is not checked at all.
            log.LogWarning(e, "Query codes cannot be checked: the node's database does not answer");
            return Problem.Unavailable("Query codes cannot be checked just now; try again shortly.");
        }
        if (verdict.LockedNow)
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), null, null, null, AuditActions.PublicCaseLocked, number.ToUpperInvariant(),
                ClientAddress.Of(http), StatusCodes.Status429TooManyRequests, ProblemCodes.TooManyRequests));
        return verdict.Outcome switch
        {
            QueryCodeOutcome.Admitted => await next(context),
            QueryCodeOutcome.Locked => Problem.TooManyRequests(
                "Too many wrong query codes for this case: its look-up and rating are closed for a while (查询码错误次数过多，请稍后再试).",
                verdict.RetryAfter ?? TimeSpan.FromMinutes(1)),
            _ => PublicEndpoints.NotFound(),
        };
    }

    [GeneratedRegex("^QJKS[0-9]{8}-[0-9A-Fa-f]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex IssuedShape();
}
