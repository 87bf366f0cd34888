using System.Security.Cryptography;
using System.Text;
using KuaSheng.Actors.Reference;
using KuaSheng.Actors.Time;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Idempotency;
using KuaSheng.Api.Problems;
using KuaSheng.Domain;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using Microsoft.AspNetCore.Http;

namespace KuaSheng.Api.Cases;

/// <summary>The shared path of every case step: who is calling, the command, one ask; the case decides whether the caller
/// may take it (<see cref="CaseAdmission"/>) against the state it decides on.</summary>
public sealed class CaseEndpointSupport(CaseGateway gateway, ReferenceDataStore reference, IClock clock, CaseIds ids)
{

    public DateOnly Today => CaseContext.ChinaDate(clock.Now);

    public ReferenceDataStore Reference => reference;

    public CaseIds Ids => ids;

    public CaseGateway Gateway => gateway;

    /// <summary>Command ids: from the Idempotency-Key, so a retry is the same command; else fresh.</summary>
    public static string CommandId(HttpContext http, Caller caller)
    {
        var key = http.Request.Headers[ApiHeaders.IdempotencyKey].ToString();
        if (string.IsNullOrEmpty(key)) return Guid.NewGuid().ToString("N");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{caller.Role}\n{caller.Subject}\n{http.Request.Path}\n{key}"));
        return "k:" + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }

    /// <param name="on">The day the view is of (overdue days of open deadlines count to it): today, or the day the
    /// command it answers was decided (so that a repeat is answered as the first time).</param>
    public CaseView View(CaseState state, Caller? caller, string? queryCode = null, DateOnly? on = null) =>
        CaseViews.From(state, caller is not null && CaseAccess.SeesPersonalData(caller, state),
            reference.Current.Calendar.WorkingDaysBetween, on ?? Today, queryCode);

    public IResult Answer(CaseAnswer answer, Caller caller, int successStatus = StatusCodes.Status200OK, string? queryCode = null)
    {
        if (answer.Unavailable is { } why) return Problem.Unavailable(why);
        if (answer.Refusal is { } refusal) return Problem.From(refusal);
        var view = View(answer.State!, caller, queryCode, answer.DecidedAt is { } at ? CaseContext.ChinaDate(at) : null);
        return successStatus == StatusCodes.Status201Created
            ? TypedResults.Created($"{KuaShengApi.Prefix}/cases/{view.CaseId}", view)
            : TypedResults.Ok(view);
    }

    /// <summary>Runs one step on an existing case in one ask: 401 without a caller, 404 for an id that cannot be a case;
    /// the case answers the rest (404 when it does not exist, 403 when the caller has no part in this step, 400 for
    /// input the step cannot use, else its state after the step). <paramref name="build"/> gets the caller, never the
    /// state: what depends on the state (the unit the caller acts as) the case fills in.</summary>
    public async Task<IResult> Step(HttpContext http, string caseId, Func<Caller, CaseCommand> build)
    {
        if (Caller.From(http.User) is not { } caller)
            return Problem.Of(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthenticated, "Not signed in", "A valid bearer token is required.");
        if (!CaseIds.IsCaseId(caseId)) return Problem.NotFound($"Case {ProblemText.Shown(caseId)} was not found.");
        var answer = await gateway.Step(caseId, CommandId(http, caller), build(caller), caller,
            http.Items[EntityKeepsAnswers.RequestHashItem] as string, http.RequestAborted, EntityKeepsAnswers.RepeatOnly(http));
        MarkRepeat(http, answer);
        return Answer(answer, caller);
    }

    /// <summary>An answer the case gave to a command id it had seen (<see cref="EntityKeepsAnswers"/>): a conflict (the
    /// key came with another request) is not kept under the key, which would hide the first answer; the first answer
    /// again says it is a replay, as the middleware's records do.</summary>
    public static void MarkRepeat(HttpContext http, CaseAnswer answer)
    {
        if (answer.Duplicate && answer.Refusal is not null) http.Items[EntityKeepsAnswers.DoNotKeepItem] = true;
        else if (answer.Duplicate) http.Response.Headers[IdempotencyMiddleware.ReplayedHeader] = "true";
    }
}
