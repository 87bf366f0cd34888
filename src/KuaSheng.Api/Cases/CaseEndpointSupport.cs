using System.Security.Cryptography;
using System.Text;
using KuaSheng.Actors.Reference;
using KuaSheng.Actors.Time;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Problems;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using Microsoft.AspNetCore.Http;

namespace KuaSheng.Api.Cases;

/// <summary>The shared path of every case step: who is calling, what the case is now, may they, then the command.</summary>
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

    public CaseView View(CaseState state, Caller? caller, string? queryCode = null) =>
        CaseViews.From(state, caller is not null && CaseAccess.SeesPersonalData(caller, state),
            reference.Current.Calendar.WorkingDaysBetween, Today, queryCode);

    public IResult Answer(CaseAnswer answer, Caller caller, int successStatus = StatusCodes.Status200OK, string? queryCode = null)
    {
        if (answer.Unavailable is { } why) return Problem.Unavailable(why);
        if (answer.Refusal is { } refusal) return Problem.From(refusal);
        var view = View(answer.State!, caller, queryCode);
        return successStatus == StatusCodes.Status201Created
            ? TypedResults.Created($"{KuaShengApi.Prefix}/cases/{view.CaseId}", view)
            : TypedResults.Ok(view);
    }

    /// <summary>Runs one step on an existing case: 401 without a caller, 404 for an unknown case, 403 when the
    /// caller's unit has no part in this step, 400 for a body the step cannot use, else the case's answer.</summary>
    public async Task<IResult> Step(HttpContext http, string caseId, Func<Caller, CaseState, bool> allowed,
        Func<Caller, CaseState, (CaseCommand? Command, IResult? Invalid)> build)
    {
        if (Caller.From(http.User) is not { } caller)
            return Problem.Of(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthenticated, "Not signed in", "A valid bearer token is required.");
        if (!CaseIds.IsCaseId(caseId)) return Problem.NotFound($"Case {caseId} was not found.");
        var current = await gateway.Get(caseId, http.RequestAborted);
        if (current.Unavailable is { } why) return Problem.Unavailable(why);
        if (current.State is null) return Problem.NotFound($"Case {caseId} was not found.");
        if (!allowed(caller, current.State))
            return Problem.Forbidden($"A {caller.Role} of {string.Join(",", caller.Units.DefaultIfEmpty("no unit"))} may not take this step on case {caseId}.");
        var (command, invalid) = build(caller, current.State);
        if (invalid is not null) return invalid;
        var answer = await gateway.Send(caseId, CommandId(http, caller), command!, http.RequestAborted);
        return Answer(answer, caller);
    }

    public static (CaseCommand?, IResult?) Ok(CaseCommand command) => (command, null);

    public static (CaseCommand?, IResult?) Invalid(string field, string message) => (null, Problem.Validation(field, message));

    /// <summary>The unit a caller acts as on this case (for the timeline): its unit that takes part.</summary>
    public static CommandActor ActorOn(Caller caller, CaseState s) =>
        caller.AsActor(caller.Units.FirstOrDefault(u => u == s.ReceivingUnitId || s.Legs.Any(l => l.UnitId == u)));
}
