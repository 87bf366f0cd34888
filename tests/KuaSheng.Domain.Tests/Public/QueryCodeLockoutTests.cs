using KuaSheng.Domain.Public;

namespace KuaSheng.Domain.Tests.Public;

public class QueryCodeLockoutTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly QueryCodeLockout Rule = QueryCodeLockout.Default;

    private static List<DateTimeOffset> Failures(int count, TimeSpan apart) =>
        Enumerable.Range(0, count).Select(i => Start + apart * i).ToList();

    [Fact]
    public void Nine_wrong_codes_in_an_hour_leave_the_case_open_and_the_tenth_locks_it()
    {
        var nine = Failures(9, TimeSpan.FromMinutes(1));
        var now = Start + TimeSpan.FromMinutes(9);
        Assert.Null(Rule.LockedUntil(nine, now));
        Assert.True(Rule.Locks(nine, now));
        // Locked until the oldest of the ten is an hour old.
        Assert.Equal(Start + TimeSpan.FromHours(1), Rule.LockedUntil([.. nine, now], now));
    }

    [Fact]
    public void The_lock_lasts_until_the_oldest_of_the_last_ten_failures_is_an_hour_old()
    {
        var ten = Failures(10, TimeSpan.FromMinutes(1));
        Assert.NotNull(Rule.LockedUntil(ten, Start + TimeSpan.FromMinutes(59)));
        Assert.Null(Rule.LockedUntil(ten, Start + TimeSpan.FromHours(1)));
        // After the first one aged out, nine remain: the next failure locks it again, until the second is an hour old.
        var later = Start + TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1);
        Assert.True(Rule.Locks(ten, later));
        Assert.Equal(Start + TimeSpan.FromMinutes(61), Rule.LockedUntil([.. ten, later], later));
    }

    [Fact]
    public void Failures_spread_over_more_than_an_hour_never_lock()
    {
        var spread = Failures(30, TimeSpan.FromMinutes(7));
        for (var i = 1; i <= spread.Count; i++)
            Assert.Null(Rule.LockedUntil(spread.Take(i), spread[i - 1]));
    }

    [Fact]
    public void Only_the_failures_that_complete_the_tenth_count_as_the_locking_one()
    {
        var eleven = Failures(11, TimeSpan.FromSeconds(10));
        Assert.False(Rule.Locks(eleven.Take(10).ToList(), eleven[10])); // already locked: not a new lock
        Assert.False(Rule.Locks(eleven.Take(8).ToList(), eleven[8]));  // the ninth: not yet
    }

    [Fact]
    public void Failures_in_the_future_of_now_and_order_do_not_matter()
    {
        var ten = Failures(10, TimeSpan.FromMinutes(1));
        var now = Start + TimeSpan.FromMinutes(10);
        Assert.Equal(Rule.LockedUntil(ten, now), Rule.LockedUntil(Enumerable.Reverse(ten), now));
        Assert.Null(Rule.LockedUntil(ten, Start - TimeSpan.FromMinutes(1)));
    }

    [Theory]
    [InlineData(0.2, 1)]
    [InlineData(1.0, 1)]
    [InlineData(59.1, 60)]
    [InlineData(3599.5, 3600)]
    public void Retry_after_is_whole_seconds_and_at_least_one(double secondsLeft, int expected) =>
        Assert.Equal(TimeSpan.FromSeconds(expected), QueryCodeLockout.RetryAfter(Start + TimeSpan.FromSeconds(secondsLeft), Start));
}
