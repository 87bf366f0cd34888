namespace KuaSheng.Domain.Calendar;

/// <summary>
/// The public holidays fixed by the State Council's 全国年节及纪念日放假办法 (2024 revision, in force
/// since 1 January 2025): 元旦 1 day, 春节 4 days (除夕 and 正月初一 to 初三), 清明 1 day, 劳动节 2 days
/// (1-2 May), 端午 1 day (五月初五), 中秋 1 day (八月十五), 国庆 3 days (1-3 October). Only the 调休
/// arrangement is announced each year, so a year counted with these alone stays provisional.
/// </summary>
public static class StatutoryHolidays
{
    /// <summary>The first year the 2024 revision applies to.</summary>
    public const int FirstYear = 2025;

    /// <summary>The last year both the lunar dates and the 清明 formula reach.</summary>
    public static int LastYear => Math.Min(SolarTerms.LastYear, LunarDates.LastYear);

    public static bool Knows(int year) => year >= FirstYear && year <= LastYear;

    /// <summary>The statutory days off of <paramref name="year"/> with their names (as the official data names them),
    /// or none for a year the 2024 revision does not reach.</summary>
    public static IReadOnlyDictionary<DateOnly, string> Of(int year)
    {
        var days = new Dictionary<DateOnly, string>();
        if (!Knows(year)) return days;
        days[new DateOnly(year, 1, 1)] = "元旦";
        var eve = LunarDates.NewYearsEve(year);
        for (int i = 0; i < 4; i++) days[eve.AddDays(i)] = "春节";
        days[SolarTerms.Qingming(year)] = "清明";
        days[new DateOnly(year, 5, 1)] = "劳动节";
        days[new DateOnly(year, 5, 2)] = "劳动节";
        days[LunarDates.Date(year, 5, 5)] = "端午";
        days[LunarDates.Date(year, 8, 15)] = "中秋";
        for (int d = 1; d <= 3; d++) days.TryAdd(new DateOnly(year, 10, d), "国庆节");  // 中秋 may fall on 1-3 October
        return days;
    }

    /// <summary>A year counted with the statutory holidays only (no 调休 days).</summary>
    public static YearCalendar Year(int year) => new(year, Of(year), new Dictionary<DateOnly, string>());
}
