namespace KuaSheng.Domain.Calendar;

/// <summary>A year, precomputed once so counting across it is a single array lookup: a covered year of the
/// official data, or an uncovered one counted with the statutory holidays.</summary>
internal sealed class CompiledYear
{
    public CompiledYear(YearCalendar calendar, bool official)
    {
        Calendar = calendar;
        Official = official;
        var first = new DateOnly(calendar.Year, 1, 1);
        int days = DateTime.IsLeapYear(calendar.Year) ? 366 : 365;
        DeltaUpTo = new int[days + 1];
        for (int k = 1; k <= days; k++)
        {
            var date = first.AddDays(k - 1);
            int working = DayCounting.IsWorkingDay(date, calendar) ? 1 : 0;
            int weekday = DayCounting.IsWeekday(date) ? 1 : 0;
            DeltaUpTo[k] = DeltaUpTo[k - 1] + working - weekday;
        }
    }

    public YearCalendar Calendar { get; }

    /// <summary>From the official data; false for a year counted with the statutory holidays (provisional).</summary>
    public bool Official { get; }

    /// <summary>DeltaUpTo[k]: official working days minus Mondays-to-Fridays among the year's first k days
    /// (index = day of year). Holidays push it down, adjusted workdays up.</summary>
    public int[] DeltaUpTo { get; }

    public int FullYearDelta => DeltaUpTo[^1];
}
