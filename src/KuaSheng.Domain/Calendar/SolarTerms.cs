namespace KuaSheng.Domain.Calendar;

/// <summary>Solar terms (节气) by the customary closed formula ⌊Y·D + C⌋ − L with Y the year's last two
/// digits, D = 0.2422, L the leap years of the century so far, and the 21st century's constant C.</summary>
public static class SolarTerms
{
    public const int FirstYear = 2001;
    public const int LastYear = 2099;

    /// <summary>清明, the solar term at the sun's longitude 15° (4 or 5 April in 2001-2099).</summary>
    public static DateOnly Qingming(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastYear);
        const double D = 0.2422, C = 4.81;
        int y = year % 100;
        int day = (int)Math.Floor(y * D + C) - y / 4;
        return new DateOnly(year, 4, day);
    }
}
