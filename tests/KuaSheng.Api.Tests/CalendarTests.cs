using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class CalendarTests(ApiNode node)
{
    [Fact]
    public async Task Days_are_public_and_follow_the_official_calendar_of_2026()
    {
        using var anonymous = node.Client();
        var holiday = await anonymous.Get("/api/v1/calendar/days/2026-10-01");
        Expect(holiday, HttpStatusCode.OK);
        Assert.Equal("2026-10-01", holiday.Text("date"));
        Assert.False(holiday.Body!["workingDay"]!.GetValue<bool>());
        Assert.Equal("国庆节", holiday.Text("holiday"));
        Assert.False(holiday.Body!["adjustedWorkday"]!.GetValue<bool>());
        Assert.False(holiday.Body!["provisional"]!.GetValue<bool>());

        var adjusted = await anonymous.Get("/api/v1/calendar/days/2026-10-10"); // a Saturday made a working day (调休)
        Expect(adjusted, HttpStatusCode.OK);
        Assert.True(adjusted.Body!["workingDay"]!.GetValue<bool>());
        Assert.True(adjusted.Body!["adjustedWorkday"]!.GetValue<bool>());
        Assert.Null(adjusted.Body!["holiday"]);

        var weekend = await anonymous.Get("/api/v1/calendar/days/2026-10-11");
        Assert.False(weekend.Body!["workingDay"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_due_date_across_national_day_2026_skips_the_holiday_and_counts_the_adjusted_saturday()
    {
        using var anonymous = node.Client();
        // From Wed 2026-09-30 (not counted): Oct 1-7 off; Thu 8th = 1, Fri 9th = 2, Sat 10th (调休上班) = 3.
        var due = await anonymous.Get("/api/v1/calendar/due-date?from=2026-09-30&workingDays=3");
        Expect(due, HttpStatusCode.OK);
        Assert.Equal("2026-09-30", due.Text("from"));
        Assert.Equal(3, due.Body!["workingDays"]!.GetValue<int>());
        Assert.Equal("2026-10-10", due.Text("due"));
        Assert.False(due.Body!["provisional"]!.GetValue<bool>());

        // Sun 10-11 off, then Mon 10-12.
        Assert.Equal("2026-10-12", (await anonymous.Get("/api/v1/calendar/due-date?from=2026-09-30&workingDays=4")).Text("due"));
        // Zero working days: the day itself.
        Assert.Equal("2026-10-03", (await anonymous.Get("/api/v1/calendar/due-date?from=2026-10-03&workingDays=0")).Text("due"));
    }

    [Fact]
    public async Task A_year_the_official_calendar_does_not_cover_is_counted_with_the_statutory_holidays_and_provisional()
    {
        using var anonymous = node.Client();
        var day = await anonymous.Get("/api/v1/calendar/days/2028-01-03");
        Expect(day, HttpStatusCode.OK);
        Assert.True(day.Body!["provisional"]!.GetValue<bool>());
        Assert.True(day.Body!["workingDay"]!.GetValue<bool>());

        var yuandan = await anonymous.Get("/api/v1/calendar/days/2027-01-01");
        Assert.True(yuandan.Body!["provisional"]!.GetValue<bool>());
        Assert.False(yuandan.Body!["workingDay"]!.GetValue<bool>());
        Assert.Equal("元旦", yuandan.Text("holiday"));

        // Thu 2026-12-31 + 2: Fri 2027-01-01 is 元旦 (statutory), so Mon 04 and Tue 05.
        var due = await anonymous.Get("/api/v1/calendar/due-date?from=2026-12-31&workingDays=2");
        Expect(due, HttpStatusCode.OK);
        Assert.Equal("2027-01-05", due.Text("due"));
        Assert.True(due.Body!["provisional"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("/api/v1/calendar/days/2026-13-01", "date")]
    [InlineData("/api/v1/calendar/days/yesterday", "date")]
    [InlineData("/api/v1/calendar/days/1899-12-31", "date")]
    [InlineData("/api/v1/calendar/due-date?from=2026-02-30&workingDays=3", "from")]
    [InlineData("/api/v1/calendar/due-date?workingDays=3", "from")]
    [InlineData("/api/v1/calendar/due-date?from=2201-01-01&workingDays=3", "from")]
    [InlineData("/api/v1/calendar/due-date?from=2026-09-30&workingDays=-1", "workingDays")]
    [InlineData("/api/v1/calendar/due-date?from=2026-09-30&workingDays=3651", "workingDays")]
    [InlineData("/api/v1/calendar/due-date?from=2026-09-30&workingDays=ten", "workingDays")]
    [InlineData("/api/v1/calendar/due-date?from=2026-09-30", "workingDays")]
    [InlineData("/api/v1/calendar/years/99999", "year")]
    public async Task Nonsense_dates_and_counts_are_400_naming_the_parameter(string path, string field)
    {
        using var anonymous = node.Client();
        var answer = await anonymous.Get(path);
        Expect(answer, HttpStatusCode.BadRequest);
        Assert.Equal("validation-failed", answer.Code);
        Assert.NotNull(answer.Body!["errors"]![field]);
    }

    [Fact]
    public async Task Only_operators_load_a_year_and_bad_calendar_data_is_refused_with_its_problems()
    {
        using var anonymous = node.Client();
        using var supervisor = node.Client("supervisor");
        using var operatorClient = node.Client("operator");
        var year = new { holidays = new Dictionary<string, string> { ["2031-01-01"] = "元旦" }, workdays = new Dictionary<string, string>() };
        Expect(await anonymous.Put("/api/v1/calendar/years/2031", year), HttpStatusCode.Unauthorized);
        var forbidden = await supervisor.Put("/api/v1/calendar/years/2031", year);
        Expect(forbidden, HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", forbidden.Code);

        // 2031-02-03 is a Monday: it cannot be an adjusted working day; 2030-12-31 is not in 2031.
        var bad = await operatorClient.Put("/api/v1/calendar/years/2031", new
        {
            holidays = new Dictionary<string, string> { ["2030-12-31"] = "元旦" },
            workdays = new Dictionary<string, string> { ["2031-02-03"] = "春节" },
        });
        Expect(bad, HttpStatusCode.BadRequest);
        Assert.Equal("validation-failed", bad.Code);
        var problems = bad.Body!["errors"]!["calendar"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Contains(problems, p => p.Contains("2031-02-03", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("2030-12-31", StringComparison.Ordinal));

        var typo = await operatorClient.Put("/api/v1/calendar/years/2031", new { holiday = new Dictionary<string, string>() });
        Expect(typo, HttpStatusCode.BadRequest);

        // Nothing was loaded.
        Assert.True((await anonymous.Get("/api/v1/calendar/days/2031-01-01")).Body!["provisional"]!.GetValue<bool>());
    }
}

/// <summary>Loading a year changes the node's calendar for every case: done on the second node, so that the shared
/// node keeps 2027 provisional for the case tests.</summary>
[Collection(SecondNodeCollection.Name)]
public sealed class CalendarYearLoadTests(SecondNode second)
{
    [Fact]
    public async Task Loading_2027_makes_its_days_official_and_its_due_dates_no_longer_provisional()
    {
        var node = second.Node;
        using var anonymous = node.Client();
        using var operatorClient = node.Client("operator");
        var before = await anonymous.Get("/api/v1/calendar/days/2027-01-01");
        Expect(before, HttpStatusCode.OK);
        Assert.True(before.Body!["provisional"]!.GetValue<bool>());
        Assert.False(before.Body!["workingDay"]!.GetValue<bool>()); // 元旦, a statutory holiday
        Assert.True((await anonymous.Get("/api/v1/calendar/days/2027-02-20")).Body!["workingDay"]!.GetValue<bool>() is false); // a Saturday, no 调休 known
        Assert.False((await anonymous.Get("/api/v1/calendar/years/2027")).Body!["covered"]!.GetValue<bool>());

        var loaded = await operatorClient.Put("/api/v1/calendar/years/2027", new
        {
            holidays = new Dictionary<string, string> { ["2027-01-01"] = "元旦", ["2027-01-02"] = "元旦", ["2027-01-03"] = "元旦" },
            workdays = new Dictionary<string, string> { ["2027-02-20"] = "春节" },
        });
        Expect(loaded, HttpStatusCode.OK);
        Assert.True(loaded.Body!["covered"]!.GetValue<bool>());
        Assert.Equal("元旦", loaded.Text("holidays.2027-01-01"));

        var after = await anonymous.Get("/api/v1/calendar/days/2027-01-01");
        Expect(after, HttpStatusCode.OK);
        Assert.False(after.Body!["provisional"]!.GetValue<bool>());
        Assert.False(after.Body!["workingDay"]!.GetValue<bool>());
        Assert.Equal("元旦", after.Text("holiday"));
        var saturday = await anonymous.Get("/api/v1/calendar/days/2027-02-20");
        Assert.True(saturday.Body!["adjustedWorkday"]!.GetValue<bool>());

        // Thu 2026-12-31 + 1: Fri 01-01 is now off, Mon 2027-01-04.
        var due = await anonymous.Get("/api/v1/calendar/due-date?from=2026-12-31&workingDays=1");
        Assert.Equal("2027-01-04", due.Text("due"));
        Assert.False(due.Body!["provisional"]!.GetValue<bool>());
    }
}
