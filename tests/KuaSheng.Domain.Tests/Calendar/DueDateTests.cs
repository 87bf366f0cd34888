using KuaSheng.Domain.Calendar;

namespace KuaSheng.Domain.Tests.Calendar;

/// <summary>Due dates across the long holidays, counted by hand from the notices.</summary>
public class DueDateTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Official;

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Theory]
    // 国庆 2024: Oct 1-7 off, Sunday Sep 29 and Saturday Oct 12 worked.
    [InlineData("2024-09-30", 1, "2024-10-08")]
    [InlineData("2024-09-27", 1, "2024-09-29")]
    [InlineData("2024-10-03", 1, "2024-10-08")]
    [InlineData("2024-10-11", 1, "2024-10-12")]
    // 中秋+国庆 2023: Sep 29 - Oct 6 off, then Saturday Oct 7 and Sunday Oct 8 worked.
    [InlineData("2023-09-25", 5, "2023-10-08")]
    // 春节 2025: Jan 28 - Feb 4 off, Sunday Jan 26 worked.
    [InlineData("2025-01-24", 5, "2025-02-07")]
    // 春节 2026: Saturday Feb 14 worked, Feb 15-23 off.
    [InlineData("2026-02-13", 1, "2026-02-14")]
    [InlineData("2026-02-13", 2, "2026-02-24")]
    // A 20-day decision over 中秋 (Sep 25-27) and 国庆 (Oct 1-7) 2026, Saturday Oct 10 worked.
    [InlineData("2026-09-21", 20, "2026-10-26")]
    public void Due_date(string from, int workingDays, string due)
    {
        var result = Calendar.AddWorkingDays(DateOnly.Parse(from), workingDays);
        Assert.Equal(DateOnly.Parse(due), result.Due);
        Assert.False(result.Provisional);
    }

    [Fact]
    public void Zero_working_days_is_the_start_itself_even_on_a_holiday() =>
        Assert.Equal(new DueDate(D(2024, 10, 1), false), Calendar.AddWorkingDays(D(2024, 10, 1), 0));

    [Fact]
    public void Negative_working_days_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(D(2024, 10, 1), -1));

    [Fact]
    public void A_due_date_past_the_end_of_time_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(D(9999, 12, 1), 30));

    [Theory]
    [InlineData("2024-09-30", "2024-10-08", 1)]
    [InlineData("2025-01-24", "2025-02-07", 5)]
    [InlineData("2024-10-01", "2024-10-07", 0)]
    [InlineData("2024-10-08", "2024-10-08", 0)]
    [InlineData("2024-10-08", "2024-09-30", 0)]
    [InlineData("2021-01-01", "2021-12-31", 250)]
    public void Working_days_between(string from, string to, int expected) =>
        Assert.Equal(expected, Calendar.WorkingDaysBetween(DateOnly.Parse(from), DateOnly.Parse(to)));
}
