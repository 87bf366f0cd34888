using KuaSheng.Api.Cases;
using KuaSheng.Api.Hardening;
using KuaSheng.Api.Public;
using KuaSheng.Console.Cases;
using KuaSheng.Console.Localization;
using KuaSheng.Console.Navigation;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace KuaSheng.Console.Pages.Public;

/// <summary>
/// 公众查询: the applicant's look-up with the case number and query code of the receipt, without signing in, and the
/// rating (好差评) of a completed case. Through the API's own gate (<see cref="PublicCaseGate"/>: the same query-code
/// check, failure records and lockout) and under the same per-address limit (<see cref="RateLimits.PublicPolicy"/>),
/// rated as <c>POST /public/cases/{n}/rating</c> rates (<see cref="PublicEndpoints.RateAsync"/>, the form's token as
/// key); the view is always masked (<see cref="CaseEndpointSupport.View"/> with no caller). Posted, not in the URL, so
/// that the code stays out of the browser's history.
/// </summary>
[EnableRateLimiting(RateLimits.PublicPolicy)]
public sealed class LookupModel(PublicCaseGate gate, CaseEndpointSupport support) : ConsolePageModel
{
    public static readonly ConsoleScreen Screen = new("/console/public", T.PublicLookup, 200, _ => true) { OpenToAll = true };

    [BindProperty] public string? CaseNumber { get; set; }
    [BindProperty] public string? QueryCode { get; set; }
    public CaseView? Case { get; private set; }
    public Text? Problem { get; private set; }
    public string? Refusal { get; private set; }
    public int? RetryMinutes { get; private set; }
    public bool JustRated { get; private set; }
    public string FormToken { get; } = FormTokens.New();

    public void OnGet()
    {
    }

    public async Task OnPostAsync()
    {
        if (await AdmitAsync() is { } caseId) Show(await support.Gateway.Get(caseId, HttpContext.RequestAborted));
    }

    public async Task OnPostRateAsync(string? level, string? comment, string? token)
    {
        if (await AdmitAsync() is not { } caseId) return;
        var body = new RatingBody(Kebab.TryParse<RatingLevel>(level ?? "", out var l) ? l : RatingLevel.Satisfied,
            string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), "online");
        var answer = await PublicEndpoints.RateAsync(support.Gateway, caseId, FormTokens.IsValid(token) ? token : null, body, HttpContext.RequestAborted);
        if (answer.Refusal is { } refusal)
        {
            Refusal = ConsoleCases.Describe(refusal);
            Response.StatusCode = refusal.Code == RefusalCodes.ValidationFailed ? 400 : 409;
            Show(await support.Gateway.Get(caseId, HttpContext.RequestAborted), keepStatus: true);
            return;
        }
        JustRated = answer.State is not null;
        Show(answer);
    }

    /// <summary>Whether the applicant may rate now: the case is completed and not rated (the case decides in the end).</summary>
    public bool OffersRating => Case is { Status: CaseStatus.Completed, Rating: null };

    private async Task<string?> AdmitAsync()
    {
        CaseNumber = CaseNumber?.Trim().ToUpperInvariant();
        var admission = await gate.AdmitAsync(CaseNumber, QueryCode?.Trim(), Api.Hardening.ClientAddress.Of(HttpContext), HttpContext.RequestAborted);
        if (admission.Unavailable) Fail(StatusCodes.Status503ServiceUnavailable, T.Unavailable);
        else if (admission.Outcome == QueryCodeOutcome.Locked)
        {
            RetryMinutes = (int)Math.Ceiling((admission.RetryAfter ?? TimeSpan.FromMinutes(1)).TotalMinutes);
            Fail(StatusCodes.Status429TooManyRequests, T.Locked);
        }
        else if (!admission.Admitted) Fail(StatusCodes.Status404NotFound, T.NoMatch);
        return admission.Admitted ? admission.CaseId : null;
    }

    private void Show(CaseAnswer answer, bool keepStatus = false)
    {
        if (answer.Unavailable is not null) Fail(StatusCodes.Status503ServiceUnavailable, T.Unavailable);
        else if (answer.State is null) Fail(StatusCodes.Status404NotFound, T.NoMatch);
        else
        {
            Case = support.View(answer.State, caller: null);
            if (!keepStatus) Response.StatusCode = StatusCodes.Status200OK;
        }
    }

    private void Fail(int status, Text problem)
    {
        Response.StatusCode = status;
        Problem = problem;
    }
}
