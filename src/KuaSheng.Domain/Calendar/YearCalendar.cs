using System.Collections.Frozen;

namespace KuaSheng.Domain.Calendar;

/// <summary>
/// One year of the official calendar, as the State Council publishes it each year
/// (国务院办公厅关于某年部分节假日安排的通知): the days off and the adjusted working days.
/// Validated on construction, so a calendar never holds a year that contradicts itself.
/// </summary>
public sealed record YearCalendar
{
    /// <param name="holidays">Official days off (放假), including weekend days inside a holiday period, with the holiday's name.</param>
    /// <param name="workdays">Weekend days made working days (调休上班), with the name of the holiday they make up for.</param>
    /// <exception cref="CalendarDataException">A date outside the year, a date both off and on, an adjusted
    /// workday on Monday to Friday, or a blank name.</exception>
    public YearCalendar(int year, IReadOnlyDictionary<DateOnly, string> holidays, IReadOnlyDictionary<DateOnly, string> workdays)
    {
        var problems = YearCalendarRules.Check(year, holidays, workdays);
        if (problems.Count > 0) throw new CalendarDataException(problems);
        Year = year;
        Holidays = holidays.ToFrozenDictionary();
        Workdays = workdays.ToFrozenDictionary();
    }

    public int Year { get; }
    public IReadOnlyDictionary<DateOnly, string> Holidays { get; }
    public IReadOnlyDictionary<DateOnly, string> Workdays { get; }

    /// <summary>Reads one year in the shape of a year of calendar.json:
    /// <c>{"holidays":{"2027-01-01":"元旦",...},"workdays":{"2027-02-06":"春节",...}}</c>.</summary>
    /// <exception cref="CalendarDataException">Malformed JSON or data that breaks the rules above.</exception>
    public static YearCalendar Parse(int year, string json) => YearCalendarJson.Parse(year, json);

    // Value equality over the contents: the generated record equality would compare dictionary references.
    public bool Equals(YearCalendar? other) =>
        other is not null && Year == other.Year && SameEntries(Holidays, other.Holidays) && SameEntries(Workdays, other.Workdays);

    public override int GetHashCode() => HashCode.Combine(Year, Holidays.Count, Workdays.Count);

    private static bool SameEntries(IReadOnlyDictionary<DateOnly, string> a, IReadOnlyDictionary<DateOnly, string> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var name) && name == e.Value);
}
