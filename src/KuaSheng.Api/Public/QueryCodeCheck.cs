using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Public;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Api.Public;

/// <summary>What a query code earned: the case's data, nothing (a wrong code: the same answer as an unknown case), or
/// nothing for a while (the case is locked; <see cref="RetryAfter"/> says how long).</summary>
public enum QueryCodeOutcome { Admitted, Wrong, Locked }

/// <param name="LockedNow">This wrong code locked the case (recorded in the audit trail by the filter).</param>
public sealed record QueryCodeVerdict(QueryCodeOutcome Outcome, TimeSpan? RetryAfter = null, bool LockedNow = false);

/// <summary>
/// Checks a query code against a case under the lockout rule (<see cref="QueryCodeLockout"/>): a locked case refuses
/// every code, the right one too; a wrong code is recorded (<see cref="QueryCodeFailures"/>), and the one that locks the
/// case is logged at Warning with the case number (never a code) and counted (<c>kuasheng_public_lockouts_total</c>).
/// Wall-clock time (<see cref="TimeProvider"/>), not the dev clock: moving the dev clock must not lift a lock.
/// Failures out of every window are deleted now and then as new ones come (rows are only made by failures, so the
/// table stays as small as the guessing of the last hour).
/// </summary>
public sealed class QueryCodeCheck(QueryCodes codes, QueryCodeFailures failures, QueryCodeSettings settings, TimeProvider time,
    ILogger<QueryCodeCheck> log)
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(10);

    private readonly QueryCodeLockout _rule = new(settings.MaxFailures, settings.LockoutWindow);
    private long _nextPurgeTicks;

    /// <param name="caseId">The case the number names (<see cref="Cases.CaseIds.CaseIdOf"/>).</param>
    /// <param name="caseNumber">The case number as written canonically, for the log.</param>
    /// <param name="code">The code given, if any.</param>
    public async Task<QueryCodeVerdict> CheckAsync(string caseId, string caseNumber, string? code, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var recent = await failures.RecentAsync(caseId, now - _rule.Window, Math.Max(1, _rule.MaxFailures), ct);
        if (_rule.LockedUntil(recent, now) is { } lockedUntil)
            return new QueryCodeVerdict(QueryCodeOutcome.Locked, QueryCodeLockout.RetryAfter(lockedUntil, now));
        if (codes.Matches(caseId, code)) return new QueryCodeVerdict(QueryCodeOutcome.Admitted);

        await failures.RecordAsync(caseId, now, ct);
        PublicMetrics.WrongCode();
        await PurgeWhenDue(now, ct);
        var lockedNow = _rule.Locks([.. recent], now);
        if (lockedNow)
        {
            PublicMetrics.Lockout();
            log.LogWarning("Public look-up and rating of case {CaseNumber} locked for everyone until {LockedUntil:O}: {Failures} wrong query codes within {Window}",
                caseNumber, _rule.LockedUntil([.. recent, now], now)?.ToOffset(CaseContext.ChinaOffset), _rule.MaxFailures, _rule.Window);
        }
        return new QueryCodeVerdict(QueryCodeOutcome.Wrong, LockedNow: lockedNow);
    }

    private async Task PurgeWhenDue(DateTimeOffset now, CancellationToken ct)
    {
        var due = Interlocked.Read(ref _nextPurgeTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPurgeTicks, (now + PurgeEvery).UtcTicks, due) != due) return;
        var deleted = await failures.PurgeAsync(now - _rule.Window, ct);
        if (deleted > 0) log.LogInformation("Deleted {Count} wrong query codes older than {Window}", deleted, _rule.Window);
    }
}
