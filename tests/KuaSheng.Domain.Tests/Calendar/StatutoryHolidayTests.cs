using KuaSheng.Domain.Calendar;

namespace KuaSheng.Domain.Tests.Calendar;

/// <summary>An uncovered year is counted with the statutory holidays of 全国年节及纪念日放假办法 (2024 revision).</summary>
public class StatutoryHolidayTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Official;

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Every_statutory_holiday_of_an_official_year_is_an_official_holiday()
    {
        var years = Calendar.CoveredYears.Where(StatutoryHolidays.Knows).ToArray();
        Assert.Equal([2025, 2026], years);
        foreach (var year in years)
        {
            var official = Calendar.Year(year)!.Holidays;
            var statutory = StatutoryHolidays.Of(year);
            Assert.Equal(13, statutory.Count);   // 1 + 4 + 1 + 2 + 1 + 1 + 3 days
            foreach (var (date, name) in statutory)
                Assert.True(official.TryGetValue(date, out var officialName) && officialName == name,
                    $"{date:yyyy-MM-dd} {name} is not an official holiday of {year} (official: {officialName ?? "none"})");
        }
    }

    [Fact]
    public void The_lunar_festivals_and_Qingming_match_every_official_year_since_they_became_holidays()
    {
        // 清明, 端午 and 中秋 are public holidays since 2008; 春节 (正月初一) always was. (The older data does not
        // always list a weekend day inside a holiday, e.g. Saturday 2012-06-23, 端午: it is a day off all the same.)
        for (int year = 2008; year <= 2026; year++)
            foreach (var date in new[] { LunarDates.NewYear(year), SolarTerms.Qingming(year), LunarDates.Date(year, 5, 5), LunarDates.Date(year, 8, 15) })
                Assert.False(Calendar.Day(date).WorkingDay, $"{date:yyyy-MM-dd} is an official working day of {year}");
    }

    [Theory]
    // From the almanac (万年历): 除夕, 清明, 端午, 中秋.
    [InlineData(2027, "2027-02-05", "2027-04-05", "2027-06-09", "2027-09-15")]
    [InlineData(2028, "2028-01-25", "2028-04-04", "2028-05-28", "2028-10-03")]   // 闰五月
    [InlineData(2020, "2020-01-24", "2020-04-04", "2020-06-25", "2020-10-01")]   // 闰四月
    [InlineData(2023, "2023-01-21", "2023-04-05", "2023-06-22", "2023-09-29")]   // 闰二月
    public void Lunar_dates_and_Qingming_of_known_years(int year, string eve, string qingming, string duanwu, string midAutumn)
    {
        Assert.Equal(DateOnly.Parse(eve), LunarDates.NewYearsEve(year));
        Assert.Equal(DateOnly.Parse(qingming), SolarTerms.Qingming(year));
        Assert.Equal(DateOnly.Parse(duanwu), LunarDates.Date(year, 5, 5));
        Assert.Equal(DateOnly.Parse(midAutumn), LunarDates.Date(year, 8, 15));
    }

    [Fact]
    public void Yuandan_and_the_spring_festival_of_2027_are_days_off_provisionally()
    {
        Assert.Equal(new DayInfo(D(2027, 1, 1), WorkingDay: false, "元旦", false, Provisional: true), Calendar.Day(D(2027, 1, 1)));
        for (var day = D(2027, 2, 5); day <= D(2027, 2, 8); day = day.AddDays(1))
            Assert.Equal(new DayInfo(day, WorkingDay: false, "春节", false, Provisional: true), Calendar.Day(day));
        Assert.True(Calendar.Day(D(2027, 2, 4)).WorkingDay);
        Assert.True(Calendar.Day(D(2027, 2, 9)).WorkingDay);
        // Thursday 31 December 2026 + 1 working day: not Friday 1 January, but Monday 4 January.
        Assert.Equal(new DueDate(D(2027, 1, 4), Provisional: true), Calendar.AddWorkingDays(D(2026, 12, 31), 1));
        // 2027 has 261 Mondays to Fridays; 元旦, 春节 (Fri 5, Mon 8), 清明 (Mon 5 Apr), 劳动节 (Sat-Sun), 端午 (Wed),
        // 中秋 (Wed) and 国庆 (Fri 1) take 7 of them.
        Assert.Equal(261 - 7, Calendar.WorkingDaysBetween(D(2026, 12, 31), D(2027, 12, 31)));
    }

    [Fact]
    public void Years_the_statutory_rules_do_not_reach_count_Monday_to_Friday()
    {
        Assert.Equal(new DayInfo(D(2100, 1, 1), WorkingDay: true, null, false, Provisional: true), Calendar.Day(D(2100, 1, 1)));
        Assert.Empty(StatutoryHolidays.Of(2024));
        Assert.True(Calendar.Day(D(2003, 1, 1)) is { WorkingDay: true, Provisional: true });
    }
}
