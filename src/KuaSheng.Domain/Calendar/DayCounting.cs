namespace KuaSheng.Domain.Calendar;

/// <summary>Closed-form Monday-to-Friday counting over day numbers (<see cref="DateOnly.DayNumber"/>;
/// day 0, 0001-01-01, is a Monday). The base every calendar year corrects.</summary>
internal static class DayCounting
{
    /// <summary>Mondays to Fridays among day numbers 0..<paramref name="dayNumber"/>.</summary>
    public static int WeekdaysUpTo(int dayNumber)
    {
        int days = dayNumber + 1;
        return days / 7 * 5 + Math.Min(days % 7, 5);
    }

    public static bool IsWeekday(DateOnly date) => !YearCalendarRules.IsWeekend(date);

    /// <summary>The official rule for a covered year: an adjusted workday works; otherwise a weekday
    /// that is not a holiday works.</summary>
    public static bool IsWorkingDay(DateOnly date, YearCalendar year) =>
        year.Workdays.ContainsKey(date) || (IsWeekday(date) && !year.Holidays.ContainsKey(date));
}
