namespace KuaSheng.Domain.Public;

/// <summary>
/// How many wrong query codes (查询码) a case takes before its public look-up and rating close for a while: at most
/// <see cref="MaxFailures"/> wrong codes in any <see cref="Window"/>. Once that many fell within one window the case is
/// locked for everyone — the right code included, since a guesser may hold it next — until the oldest of those
/// failures is a window old. A six-digit code has a million values; at ten tries an hour a guesser needs about
/// 11 years on average for one case.
/// </summary>
/// <remarks>Pure: the failures are given as instants (any order, older ones ignored), so the rule is the same
/// whichever node or store counted them. Only the <see cref="MaxFailures"/> most recent failures matter.</remarks>
public sealed record QueryCodeLockout(int MaxFailures, TimeSpan Window)
{
    /// <summary>Ten wrong codes in an hour.</summary>
    public static readonly QueryCodeLockout Default = new(10, TimeSpan.FromHours(1));

    /// <summary>Until when the case is locked at <paramref name="now"/>, given its recorded failures; null when open.</summary>
    public DateTimeOffset? LockedUntil(IEnumerable<DateTimeOffset> failures, DateTimeOffset now)
    {
        if (MaxFailures < 1) return null;
        var recent = failures.Where(f => f > now - Window && f <= now).OrderDescending().Take(MaxFailures).ToList();
        // The MaxFailures-th most recent failure ages out of the window first among the ones that lock the case.
        return recent.Count == MaxFailures ? recent[^1] + Window : null;
    }

    /// <summary>Whether the failure at <paramref name="now"/>, added to <paramref name="earlier"/>, is the one that locks
    /// the case (for the record: it is logged and counted once per lock).</summary>
    public bool Locks(IReadOnlyCollection<DateTimeOffset> earlier, DateTimeOffset now) =>
        LockedUntil(earlier, now) is null && LockedUntil(earlier.Append(now), now) is not null;

    /// <summary>How long a refused caller should wait: whole seconds, at least one.</summary>
    public static TimeSpan RetryAfter(DateTimeOffset lockedUntil, DateTimeOffset now) =>
        TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((lockedUntil - now).TotalSeconds)));
}
