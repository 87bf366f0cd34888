namespace KuaSheng.Domain.Tests.Calendar;

/// <summary>
/// The State Council's holiday notices (国务院办公厅关于某年部分节假日安排的通知) for 2021-2026,
/// written down from the notices themselves, independently of Data/calendar.json, so the tests
/// check the data rather than echo it. Each period is as the notice states it ("1月31日至2月6日
/// 放假调休，共7天"), weekend days inside it included; Workdays are the "上班" weekend days.
/// </summary>
internal static class OfficialNotices
{
    public sealed record Period(string Holiday, DateOnly First, DateOnly Last);

    public sealed record Notice(int Year, string Reference, Period[] Periods, DateOnly[] Workdays);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    public static readonly Notice[] All =
    [
        new(2021, "国办发明电〔2020〕27号",
        [
            new("元旦", D(2021, 1, 1), D(2021, 1, 3)),
            new("春节", D(2021, 2, 11), D(2021, 2, 17)),
            new("清明", D(2021, 4, 3), D(2021, 4, 5)),
            new("劳动节", D(2021, 5, 1), D(2021, 5, 5)),
            new("端午", D(2021, 6, 12), D(2021, 6, 14)),
            new("中秋", D(2021, 9, 19), D(2021, 9, 21)),
            new("国庆", D(2021, 10, 1), D(2021, 10, 7)),
        ],
        [D(2021, 2, 7), D(2021, 2, 20), D(2021, 4, 25), D(2021, 5, 8), D(2021, 9, 18), D(2021, 9, 26), D(2021, 10, 9)]),

        new(2022, "国办发明电〔2021〕11号",
        [
            new("元旦", D(2022, 1, 1), D(2022, 1, 3)),
            new("春节", D(2022, 1, 31), D(2022, 2, 6)),
            new("清明", D(2022, 4, 3), D(2022, 4, 5)),
            new("劳动节", D(2022, 4, 30), D(2022, 5, 4)),
            new("端午", D(2022, 6, 3), D(2022, 6, 5)),
            new("中秋", D(2022, 9, 10), D(2022, 9, 12)),
            new("国庆", D(2022, 10, 1), D(2022, 10, 7)),
        ],
        [D(2022, 1, 29), D(2022, 1, 30), D(2022, 4, 2), D(2022, 4, 24), D(2022, 5, 7), D(2022, 10, 8), D(2022, 10, 9)]),

        // 元旦 2023 began on Saturday 2022-12-31.
        new(2023, "国办发明电〔2022〕16号",
        [
            new("元旦", D(2022, 12, 31), D(2023, 1, 2)),
            new("春节", D(2023, 1, 21), D(2023, 1, 27)),
            new("清明", D(2023, 4, 5), D(2023, 4, 5)),
            new("劳动节", D(2023, 4, 29), D(2023, 5, 3)),
            new("端午", D(2023, 6, 22), D(2023, 6, 24)),
            new("中秋|国庆", D(2023, 9, 29), D(2023, 10, 6)),
        ],
        [D(2023, 1, 28), D(2023, 1, 29), D(2023, 4, 23), D(2023, 5, 6), D(2023, 6, 25), D(2023, 10, 7), D(2023, 10, 8)]),

        // 除夕 2024-02-09 (Friday) was only "encouraged" as a day off: officially a working day.
        new(2024, "国办发明电〔2023〕7号",
        [
            new("元旦", D(2024, 1, 1), D(2024, 1, 1)),
            new("春节", D(2024, 2, 10), D(2024, 2, 17)),
            new("清明", D(2024, 4, 4), D(2024, 4, 6)),
            new("劳动节", D(2024, 5, 1), D(2024, 5, 5)),
            new("端午", D(2024, 6, 10), D(2024, 6, 10)),
            new("中秋", D(2024, 9, 15), D(2024, 9, 17)),
            new("国庆", D(2024, 10, 1), D(2024, 10, 7)),
        ],
        [D(2024, 2, 4), D(2024, 2, 18), D(2024, 4, 7), D(2024, 4, 28), D(2024, 5, 11), D(2024, 9, 14), D(2024, 9, 29), D(2024, 10, 12)]),

        // First year under the amended 全国年节及纪念日放假办法 (春节 and 劳动节 one day longer).
        new(2025, "国办发明电〔2024〕12号",
        [
            new("元旦", D(2025, 1, 1), D(2025, 1, 1)),
            new("春节", D(2025, 1, 28), D(2025, 2, 4)),
            new("清明", D(2025, 4, 4), D(2025, 4, 6)),
            new("劳动节", D(2025, 5, 1), D(2025, 5, 5)),
            new("端午", D(2025, 5, 31), D(2025, 6, 2)),
            new("国庆|中秋", D(2025, 10, 1), D(2025, 10, 8)),
        ],
        [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)]),

        new(2026, "国办发明电〔2025〕7号",
        [
            new("元旦", D(2026, 1, 1), D(2026, 1, 3)),
            new("春节", D(2026, 2, 15), D(2026, 2, 23)),
            new("清明", D(2026, 4, 4), D(2026, 4, 6)),
            new("劳动节", D(2026, 5, 1), D(2026, 5, 5)),
            new("端午", D(2026, 6, 19), D(2026, 6, 21)),
            new("中秋", D(2026, 9, 25), D(2026, 9, 27)),
            new("国庆", D(2026, 10, 1), D(2026, 10, 7)),
        ],
        [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)]),
    ];

    /// <summary>The holiday names (| separated alternatives) a notice gives each day off, by date.</summary>
    public static IReadOnlyDictionary<DateOnly, string> HolidayNames { get; } = All
        .SelectMany(n => n.Periods)
        .SelectMany(p => Enumerable.Range(0, p.Last.DayNumber - p.First.DayNumber + 1).Select(i => (Date: p.First.AddDays(i), p.Holiday)))
        .ToDictionary(x => x.Date, x => x.Holiday);

    public static IReadOnlySet<DateOnly> AdjustedWorkdays { get; } = All.SelectMany(n => n.Workdays).ToHashSet();

    /// <summary>The rule the notices imply: working iff an adjusted workday, or Monday-Friday and not off.</summary>
    public static bool IsWorkingDay(DateOnly date) =>
        AdjustedWorkdays.Contains(date)
        || (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !HolidayNames.ContainsKey(date));
}
