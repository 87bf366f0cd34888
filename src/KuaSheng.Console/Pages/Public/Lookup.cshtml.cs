using KuaSheng.Api.Cases;
using KuaSheng.Api.Hardening;
using KuaSheng.Api.Public;
using KuaSheng.Console.Localization;
using KuaSheng.Console.Navigation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace KuaSheng.Console.Pages.Public;

/// <summary>
/// 公众查询: the applicant's look-up with the case number and query code of the receipt, without signing in. Through
/// the API's own gate (<see cref="PublicCaseGate"/>: the same query-code check, failure records and lockout) and under
/// the same per-address limit (<see cref="RateLimits.PublicPolicy"/>); the view is always masked
/// (<see cref="CaseEndpointSupport.View"/> with no caller).
/// </summary>
[EnableRateLimiting(RateLimits.PublicPolicy)]
public sealed class LookupModel(PublicCaseGate gate, CaseEndpointSupport support) : ConsolePageModel
{
    public static readonly ConsoleScreen Screen = new("/console/public", T.PublicLookup, 200, _ => true) { OpenToAll = true };

    public string? Number { get; private set; }
    public CaseView? Case { get; private set; }
    public Text? Problem { get; private set; }
    public int? RetryMinutes { get; private set; }

    public async Task OnGetAsync(string? caseNumber, string? queryCode)
    {
        Number = caseNumber?.Trim();
        if (string.IsNullOrEmpty(Number)) return;
        var admission = await gate.AdmitAsync(Number, queryCode?.Trim(), HttpContext.RequestAborted);
        if (admission.Unavailable) Fail(StatusCodes.Status503ServiceUnavailable, T.Unavailable);
        else if (admission.Outcome == QueryCodeOutcome.Locked)
        {
            RetryMinutes = (int)Math.Ceiling((admission.RetryAfter ?? TimeSpan.FromMinutes(1)).TotalMinutes);
            Fail(StatusCodes.Status429TooManyRequests, T.Locked);
        }
        else if (!admission.Admitted) Fail(StatusCodes.Status404NotFound, T.NoMatch);
        else
        {
            var answer = await support.Gateway.Get(admission.CaseId!, HttpContext.RequestAborted);
            if (answer.Unavailable is not null) Fail(StatusCodes.Status503ServiceUnavailable, T.Unavailable);
            else if (answer.State is null) Fail(StatusCodes.Status404NotFound, T.NoMatch);
            else Case = support.View(answer.State, caller: null);
        }
    }

    private void Fail(int status, Text problem)
    {
        Response.StatusCode = status;
        Problem = problem;
    }
}
