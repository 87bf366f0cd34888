using KuaSheng.Domain.Calendar;

namespace KuaSheng.Domain.Tests.Calendar;

/// <summary>Years the data does not cover count the statutory holidays only, flagged; an operator loads them later.</summary>
public class ProvisionalYearTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Official;

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    // A made-up 2027 for the tests: 元旦 Friday Jan 1 to Sunday Jan 3, Saturday Feb 6 worked.
    private static readonly YearCalendar Year2027 = new(2027,
        new Dictionary<DateOnly, string> { [D(2027, 1, 1)] = "元旦", [D(2027, 1, 2)] = "元旦", [D(2027, 1, 3)] = "元旦" },
        new Dictionary<DateOnly, string> { [D(2027, 2, 6)] = "春节" });

    [Fact]
    public void A_year_past_the_data_counts_without_adjusted_days_and_says_so()
    {
        Assert.Equal(new DayInfo(D(2027, 1, 1), WorkingDay: false, "元旦", false, Provisional: true), Calendar.Day(D(2027, 1, 1)));
        Assert.Equal(new DayInfo(D(2027, 1, 4), WorkingDay: true, null, false, Provisional: true), Calendar.Day(D(2027, 1, 4)));
        Assert.Equal(new DayInfo(D(2027, 1, 2), WorkingDay: false, null, false, Provisional: true), Calendar.Day(D(2027, 1, 2)));
        Assert.False(Calendar.Day(D(2026, 12, 31)).Provisional);
        Assert.True(Calendar.Day(D(2003, 6, 2)).Provisional);
    }

    [Fact]
    public void A_due_date_counted_into_an_uncovered_year_is_provisional()
    {
        Assert.Equal(new DueDate(D(2027, 1, 5), true), Calendar.AddWorkingDays(D(2026, 12, 30), 3));   // 元旦 off
        Assert.Equal(new DueDate(D(2027, 3, 8), true), Calendar.AddWorkingDays(D(2027, 3, 1), 5));
        Assert.Equal(new DueDate(D(2026, 12, 31), false), Calendar.AddWorkingDays(D(2026, 12, 30), 1));
        // From the last day of 2026 nothing of 2026 is counted; the count lies wholly in 2027.
        Assert.True(Calendar.AddWorkingDays(D(2026, 12, 31), 1).Provisional);
    }

    [Fact]
    public void Loading_the_year_replaces_the_provisional_count()
    {
        var loaded = Calendar.WithYear(Year2027);

        Assert.Equal(new DueDate(D(2027, 1, 5), false), loaded.AddWorkingDays(D(2026, 12, 30), 3));
        Assert.Equal(new DayInfo(D(2027, 1, 1), false, "元旦", false, false), loaded.Day(D(2027, 1, 1)));
        Assert.True(loaded.Day(D(2027, 2, 6)) is { WorkingDay: true, AdjustedWorkday: true });
        Assert.Equal(Enumerable.Range(2004, 24), loaded.CoveredYears);
        // Immutable: the calendar it came from still counts 2027 provisionally.
        Assert.Equal(new DueDate(D(2027, 1, 5), true), Calendar.AddWorkingDays(D(2026, 12, 30), 3));   // 元旦 off
    }

    [Fact]
    public void Loading_a_covered_year_again_replaces_it()
    {
        var without国庆 = new YearCalendar(2026,
            Calendar.Year(2026)!.Holidays.Where(h => h.Value != "国庆节").ToDictionary(),
            Calendar.Year(2026)!.Workdays.Where(w => w.Key.Month != 10 && w.Key != D(2026, 9, 20)).ToDictionary());

        var replaced = Calendar.WithYear(without国庆);

        Assert.True(replaced.Day(D(2026, 10, 5)).WorkingDay);
        Assert.False(replaced.Day(D(2026, 10, 10)).WorkingDay);
        Assert.Equal(D(2026, 10, 1), replaced.AddWorkingDays(D(2026, 9, 30), 1).Due);
        // 2027 counts stay consistent after the replacement: 5 Mondays-Fridays less 国庆's weekdays are back.
        Assert.Equal(Calendar.WorkingDaysBetween(D(2026, 1, 1), D(2027, 6, 30)) + 5 - 2,
            replaced.WorkingDaysBetween(D(2026, 1, 1), D(2027, 6, 30)));
        Assert.Equal(Calendar.CoveredYears, replaced.CoveredYears);
    }

    [Fact]
    public void A_gap_between_covered_years_is_provisional()
    {
        var withGap = Calendar.WithYear(new YearCalendar(2029, new Dictionary<DateOnly, string>(), new Dictionary<DateOnly, string>()));
        Assert.True(withGap.Day(D(2028, 3, 1)).Provisional);
        Assert.False(withGap.Day(D(2029, 3, 1)).Provisional);
        Assert.True(withGap.AddWorkingDays(D(2028, 12, 1), 30).Provisional);
        Assert.False(withGap.AddWorkingDays(D(2029, 1, 1), 30).Provisional);
    }
}
