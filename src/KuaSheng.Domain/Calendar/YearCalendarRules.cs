namespace KuaSheng.Domain.Calendar;

/// <summary>What makes one year of calendar data consistent. Returns every problem, not just the first.</summary>
internal static class YearCalendarRules
{
    public static IReadOnlyList<string> Check(int year, IReadOnlyDictionary<DateOnly, string> holidays, IReadOnlyDictionary<DateOnly, string> workdays)
    {
        if (year < DateOnly.MinValue.Year || year > DateOnly.MaxValue.Year)
            return [$"year {year} is outside {DateOnly.MinValue.Year}-{DateOnly.MaxValue.Year}"];

        var problems = new List<string>();
        foreach (var (date, name) in holidays)
        {
            if (date.Year != year) problems.Add($"holiday {Iso(date)} is not in {year}");
            if (string.IsNullOrWhiteSpace(name)) problems.Add($"holiday {Iso(date)} has no name");
            if (workdays.ContainsKey(date)) problems.Add($"{Iso(date)} is listed both as a holiday and as an adjusted workday");
        }
        foreach (var (date, name) in workdays)
        {
            if (date.Year != year) problems.Add($"adjusted workday {Iso(date)} is not in {year}");
            if (string.IsNullOrWhiteSpace(name)) problems.Add($"adjusted workday {Iso(date)} has no name");
            if (!IsWeekend(date))
                problems.Add($"adjusted workday {Iso(date)} is a {date.DayOfWeek}: only a Saturday or Sunday can be made a working day (调休上班)");
        }
        return problems;
    }

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
