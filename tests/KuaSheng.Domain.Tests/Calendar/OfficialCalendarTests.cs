using KuaSheng.Domain.Calendar;

namespace KuaSheng.Domain.Tests.Calendar;

/// <summary>The embedded calendar against the State Council notices, every day of 2021-2026.</summary>
public class OfficialCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Official;

    public static TheoryData<int> Years => new(2021, 2022, 2023, 2024, 2025, 2026);

    [Theory, MemberData(nameof(Years))]
    public void Every_day_is_working_or_not_as_the_notices_say(int year)
    {
        var wrong = DaysOf(year)
            .Where(d => Calendar.Day(d).WorkingDay != OfficialNotices.IsWorkingDay(d))
            .Select(d => $"{d:yyyy-MM-dd} {d.DayOfWeek}: calendar {(Calendar.Day(d).WorkingDay ? "working" : "off")}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory, MemberData(nameof(Years))]
    public void Holidays_and_adjusted_workdays_are_named_as_the_notices_say(int year)
    {
        var wrong = new List<string>();
        foreach (var d in DaysOf(year))
        {
            var day = Calendar.Day(d);
            if (day.Provisional) wrong.Add($"{d:yyyy-MM-dd} provisional");
            if (day.AdjustedWorkday != OfficialNotices.AdjustedWorkdays.Contains(d)) wrong.Add($"{d:yyyy-MM-dd} adjusted workday: {day.AdjustedWorkday}");
            bool off = OfficialNotices.HolidayNames.TryGetValue(d, out var names);
            if (off != day.Holiday is not null) wrong.Add($"{d:yyyy-MM-dd} holiday: \"{day.Holiday}\", notice: \"{names}\"");
            else if (off && !names!.Split('|').Any(n => day.Holiday!.StartsWith(n, StringComparison.Ordinal)))
                wrong.Add($"{d:yyyy-MM-dd} named \"{day.Holiday}\", notice: \"{names}\"");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Covers_2004_to_2026_from_the_pinned_package()
    {
        Assert.Equal(Enumerable.Range(2004, 23), Calendar.CoveredYears);
        Assert.Equal("npm chinese-days@1.5.7", Calendar.Source);
    }

    private static IEnumerable<DateOnly> DaysOf(int year)
    {
        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1)) yield return d;
    }
}
