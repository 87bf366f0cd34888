using KuaSheng.Api.Cases;
using KuaSheng.Console.Localization;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Console.Cases;

/// <summary>A case as a console page reads it: the state (for deciding which forms to offer), the view the caller may
/// see (masked unless <see cref="CaseAccess.SeesPersonalData"/>), or why not.</summary>
public sealed record CaseRead(CaseState? State, CaseView? View, Text? Problem, int Status);

/// <summary>What a step sent from a form came to: the case after it, or the refusal in the case's words.</summary>
public sealed record StepOutcome(CaseView? View, string? Refusal, string? RefusalCode)
{
    public bool Done => View is not null;
}

/// <summary>
/// Cases for the console's pages, through the API's own services: the gateway (every step is a <c>CaseStep</c> the case
/// admits or refuses with <see cref="CaseAdmission"/>), <see cref="CaseAccess.CanRead"/> for reading and
/// <see cref="CaseEndpointSupport.View"/> for the masking rule.
/// </summary>
public sealed class ConsoleCases(CaseEndpointSupport support)
{
    public async Task<CaseRead> ReadAsync(string caseId, Caller caller, CancellationToken ct)
    {
        if (!CaseIds.IsCaseId(caseId)) return new CaseRead(null, null, T.CaseNotFound, 404);
        var answer = await support.Gateway.Get(caseId, ct);
        if (answer.Unavailable is not null) return new CaseRead(null, null, T.Unavailable, 503);
        if (answer.State is null) return new CaseRead(null, null, T.CaseNotFound, 404);
        if (!CaseAccess.CanRead(caller, answer.State)) return new CaseRead(null, null, T.ForbiddenDetail, 403);
        return new CaseRead(answer.State, support.View(answer.State, caller), null, 200);
    }

    /// <param name="step">The step's name (for the command id): one per form.</param>
    /// <param name="token">The form's token (<see cref="FormTokens"/>).</param>
    public async Task<StepOutcome> StepAsync(string caseId, Caller caller, string step, string? token, Func<Caller, CaseCommand> build,
        CancellationToken ct)
    {
        if (!CaseIds.IsCaseId(caseId)) return new StepOutcome(null, T.CaseNotFound.ToString(), RefusalCodes.NotFound);
        var answer = await support.Gateway.Step(caseId, FormTokens.CommandId(caller, $"{caseId}:{step}", token), build(caller), caller, requestHash: null, ct);
        if (answer.Unavailable is { } why) return new StepOutcome(null, why, "unavailable");
        if (answer.Refusal is { } refusal) return new StepOutcome(null, Describe(refusal), refusal.Code);
        return new StepOutcome(support.View(answer.State!, caller), null, null);
    }

    /// <summary>A refusal with every field it names.</summary>
    public static string Describe(Refusal refusal) =>
        refusal.Errors is { Count: > 0 } errors
            ? string.Join("；", errors.SelectMany(e => e.Value.Select(m => m.StartsWith(e.Key, StringComparison.Ordinal) ? m : $"{e.Key}: {m}")))
            : refusal.Message;
}
