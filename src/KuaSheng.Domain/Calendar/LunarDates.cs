using System.Globalization;

namespace KuaSheng.Domain.Calendar;

/// <summary>Dates of the Chinese lunar calendar (农历) as Gregorian dates, from
/// <see cref="ChineseLunisolarCalendar"/> (lunar years 1901-2100).</summary>
public static class LunarDates
{
    private static readonly ChineseLunisolarCalendar Lunar = new();

    public static int FirstYear => Lunar.MinSupportedDateTime.Year + 1;
    public static int LastYear => Lunar.MaxSupportedDateTime.Year - 1;

    /// <summary>Day <paramref name="day"/> of lunar month <paramref name="month"/> (1-12, never the leap month 闰月)
    /// of the lunar year that begins in Gregorian <paramref name="year"/>.</summary>
    public static DateOnly Date(int year, int month, int day)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastYear);
        // The calendar numbers a year's months 1-13 when it has a leap month; GetLeapMonth names the
        // leap month's index, so every month from that index on sits one place later.
        int leap = Lunar.GetLeapMonth(year);
        int index = leap != 0 && leap <= month ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    /// <summary>正月初一, the first day of the lunar year (春节).</summary>
    public static DateOnly NewYear(int year) => Date(year, 1, 1);

    /// <summary>除夕, the last day of the previous lunar year.</summary>
    public static DateOnly NewYearsEve(int year) => NewYear(year).AddDays(-1);
}
