using System.Data.Common;
using System.Text.RegularExpressions;
using KuaSheng.Api.Audit;
using KuaSheng.Api.Cases;
using KuaSheng.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Api.Public;

/// <summary>What the gate let through: the case id (admitted), or why not — <see cref="QueryCodeOutcome.Wrong"/> also
/// for a malformed or unknown number, so that nobody learns which numbers exist — or null outcome with
/// <see cref="Unavailable"/> when the failure records cannot be read (fail closed).</summary>
public sealed record PublicCaseAdmission(QueryCodeOutcome? Outcome, string? CaseId, TimeSpan? RetryAfter, bool Unavailable)
{
    public bool Admitted => Outcome == QueryCodeOutcome.Admitted;
}

/// <summary>
/// The one gate of the public look-up and rating, for the API (<see cref="QueryCodeFilter"/>) and the console's 公众查询
/// alike: a case number of the shape we issue, and the right query code of a case that is not locked
/// (<see cref="QueryCodeCheck"/>: wrong codes recorded, a lockout after too many).
/// </summary>
public sealed partial class PublicCaseGate(QueryCodeCheck check, AuditQueue audit, TimeProvider time, ILogger<PublicCaseGate> log)
{
    /// <param name="clientAddress">Where the attempt came from (<see cref="Hardening.ClientAddress"/>), for the audit
    /// record of a lockout it causes.</param>
    public async Task<PublicCaseAdmission> AdmitAsync(string? caseNumber, string? code, string? clientAddress, CancellationToken ct)
    {
        var number = caseNumber?.Trim() ?? "";
        // Only numbers of the shape we issue are counted (and logged): the case id decides the lock, whatever date they carry.
        if (!IssuedShape().IsMatch(number) || CaseIds.CaseIdOf(number.ToUpperInvariant()) is not { } caseId)
            return new PublicCaseAdmission(QueryCodeOutcome.Wrong, null, null, false);
        try
        {
            var verdict = await check.CheckAsync(caseId, number.ToUpperInvariant(), code, ct);
            if (verdict.LockedNow)
                await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), null, null, null, AuditActions.PublicCaseLocked, number.ToUpperInvariant(),
                    clientAddress ?? "unknown", StatusCodes.Status429TooManyRequests, ProblemCodes.TooManyRequests));
            return new PublicCaseAdmission(verdict.Outcome, verdict.Outcome == QueryCodeOutcome.Admitted ? caseId : null, verdict.RetryAfter, false);
        }
        catch (Exception e) when (e is DbException or TimeoutException)
        {
            // Fail closed: without the failure records a code is not checked at all.
            log.LogWarning(e, "Query codes cannot be checked: the node's database does not answer");
            return new PublicCaseAdmission(null, null, null, true);
        }
    }

    [GeneratedRegex("^QJKS[0-9]{8}-[0-9A-Fa-f]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex IssuedShape();
}
