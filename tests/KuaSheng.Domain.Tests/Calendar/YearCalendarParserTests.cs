using KuaSheng.Domain.Calendar;

namespace KuaSheng.Domain.Tests.Calendar;

/// <summary>Parsing one year as an operator uploads it (PUT /calendar/years/{year}).</summary>
public class YearCalendarParserTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Parses_the_shape_of_one_year_of_calendar_json()
    {
        var year = YearCalendar.Parse(2027, """{"holidays":{"2027-01-01":"元旦","2027-01-02":"元旦"},"workdays":{"2027-02-06":"春节"}}""");

        var expected = new YearCalendar(2027,
            new Dictionary<DateOnly, string> { [D(2027, 1, 1)] = "元旦", [D(2027, 1, 2)] = "元旦" },
            new Dictionary<DateOnly, string> { [D(2027, 2, 6)] = "春节" });
        Assert.Equal(expected, year);
        Assert.NotEqual(expected, YearCalendar.Parse(2027, """{"holidays":{"2027-01-01":"元旦"},"workdays":{"2027-02-06":"春节"}}"""));
    }

    [Theory]
    [InlineData("""{"holidays":{"2026-12-31":"元旦"},"workdays":{}}""", "holiday 2026-12-31 is not in 2027")]
    [InlineData("""{"holidays":{},"workdays":{"2028-01-01":"元旦"}}""", "adjusted workday 2028-01-01 is not in 2027")]
    [InlineData("""{"holidays":{"2027-02-06":"春节"},"workdays":{"2027-02-06":"春节"}}""", "2027-02-06 is listed both as a holiday and as an adjusted workday")]
    [InlineData("""{"holidays":{},"workdays":{"2027-02-03":"春节"}}""", "adjusted workday 2027-02-03 is a Wednesday")]
    [InlineData("""{"holidays":{"2027-01-01":" "},"workdays":{}}""", "holiday 2027-01-01 has no name")]
    [InlineData("""{"holidays":{"2027-1-1":"元旦"},"workdays":{}}""", "\"2027-1-1\" is not a date")]
    [InlineData("""{"holidays":{"2027-01-01":1},"workdays":{}}""", "must name its holiday as a string")]
    [InlineData("""{"holidays":{"2027-01-01":"元旦","2027-01-01":"元旦"},"workdays":{}}""", "2027-01-01 is listed twice")]
    [InlineData("""{"holidays":{},"workday":{}}""", "unknown key \"workday\"")]
    [InlineData("""{"holidays":{}}""", "missing \"workdays\"")]
    [InlineData("""{"holidays":[],"workdays":{}}""", "\"holidays\" must be an object")]
    [InlineData("""[]""", "expected an object")]
    [InlineData("""{"holidays":""", "not valid JSON")]
    public void Refuses_with_a_clear_message(string json, string message)
    {
        var e = Assert.Throws<CalendarDataException>(() => YearCalendar.Parse(2027, json));
        Assert.Contains(e.Problems, p => p.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_every_problem_at_once()
    {
        var e = Assert.Throws<CalendarDataException>(() =>
            YearCalendar.Parse(2027, """{"holidays":{"2026-12-31":"元旦"},"workdays":{"2027-02-03":"春节"}}"""));
        Assert.Equal(2, e.Problems.Count);
    }

    [Fact]
    public void Refuses_a_year_no_date_can_have() =>
        Assert.Throws<CalendarDataException>(() => YearCalendar.Parse(10000, """{"holidays":{},"workdays":{}}"""));
}
