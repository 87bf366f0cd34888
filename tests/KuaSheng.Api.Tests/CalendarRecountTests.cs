using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>Loading a year moves the open deadlines counted provisionally into it, once and durably: the case view,
/// the worklist and the overdue list show the new due day, it stands after a restart and the miss fires on the new day.
/// Its own node: it loads 2027, moves the clock and restarts.</summary>
public sealed class CalendarRecountTests : IAsyncLifetime
{
    private readonly ApiNode _node = new();

    public Task InitializeAsync() => _node.InitializeAsync();

    public Task DisposeAsync() => _node.DisposeAsync();

    private static DateTimeOffset At(int y, int m, int d) => new(y, m, d, 9, 0, 0, TimeSpan.FromHours(8));

    // A 2027 as published for the test: 元旦 Friday 1 to Monday 4 January.
    private static readonly object Year2027 = new
    {
        holidays = new Dictionary<string, string>
        {
            ["2027-01-01"] = "元旦", ["2027-01-02"] = "元旦", ["2027-01-03"] = "元旦", ["2027-01-04"] = "元旦",
        },
        workdays = new Dictionary<string, string>(),
    };

    [Fact]
    public async Task Loading_2027_moves_provisional_deadlines_once_and_the_new_dates_stand_after_a_restart()
    {
        using var anyone = _node.Client();
        using var operatorClient = _node.Client("operator");
        using var window = _node.Client("window", "qj-window");

        // Monday 28 December 2026: form review within 5 working days: 29, 30, 31, (元旦 statutory), Mon 4, Tue 5 January.
        Expect(await anyone.Put("/api/v1/dev/clock", new { now = At(2026, 12, 28) }), HttpStatusCode.OK);
        var open = await window.Post("/api/v1/cases", Application("1-6", QijiangId), Guid.NewGuid().ToString());
        Expect(open, HttpStatusCode.Created);
        var openId = open.Text("caseId");
        Assert.Equal(("2027-01-05", "true"), (open.Text("deadlines.0.due"), open.Text("deadlines.0.provisional")));

        // A case whose form review is done: that deadline is met and keeps its day.
        var done = await window.Post("/api/v1/cases", Application("1-6", QijiangId), Guid.NewGuid().ToString());
        var doneId = done.Text("caseId");
        Expect(await window.Post($"/api/v1/cases/{doneId}/form-review", new { passed = true }), HttpStatusCode.OK);
        await ModeFlowTests.Eventually(() => window.Get("/api/v1/units/qj-window/worklist"),
            r => r.Body!["deadlines"]!.AsArray().Any(d => d!["caseId"]!.GetValue<string>() == openId));

        var loaded = await operatorClient.Put("/api/v1/calendar/years/2027", Year2027);
        Expect(loaded, HttpStatusCode.OK);
        Assert.True(int.Parse(loaded.Text("deadlinesMoved")) >= 1, loaded.ToString());
        Assert.Empty(loaded.Body!["casesNotRecounted"]!.AsArray());

        var view = await window.Get($"/api/v1/cases/{openId}");
        Assert.Equal(("2027-01-06", "false"), (view.Text("deadlines.0.due"), view.Text("deadlines.0.provisional")));
        Assert.Contains(view.Body!["timeline"]!.AsArray(), t => t!["type"]!.GetValue<string>() == "deadlines-recounted"
                                                                && t["detail"]!.GetValue<string>() == "calendar 2027 loaded");
        var doneView = await window.Get($"/api/v1/cases/{doneId}");
        Assert.Equal(("2027-01-05", "true", "true"),
            (doneView.Text("deadlines.0.due"), doneView.Text("deadlines.0.provisional"), doneView.Text("deadlines.0.met")));
        await ModeFlowTests.Eventually(() => window.Get("/api/v1/units/qj-window/worklist"),
            r => r.Body!["deadlines"]!.AsArray().Any(d => d!["caseId"]!.GetValue<string>() == openId && d["due"]!.GetValue<string>() == "2027-01-06"));

        // Once: loading the same year again moves nothing.
        var again = await operatorClient.Put("/api/v1/calendar/years/2027", Year2027);
        Expect(again, HttpStatusCode.OK);
        Assert.Equal("0", again.Text("deadlinesMoved"));

        await _node.StopAsync();
        await _node.StartAsync();
        using var anyoneAfter = _node.Client();
        using var windowAfter = _node.Client("window", "qj-window");
        var after = await windowAfter.Get($"/api/v1/cases/{openId}");
        Assert.Equal(("2027-01-06", "false"), (after.Text("deadlines.0.due"), after.Text("deadlines.0.provisional")));

        // Wednesday 6 January, the new due day: the old one (5 January) has passed, but nothing is missed yet.
        Expect(await anyoneAfter.Put("/api/v1/dev/clock", new { now = At(2027, 1, 6) }), HttpStatusCode.OK);
        await Task.Delay(1500); // several deadline checks of the unit pass
        Assert.DoesNotContain((await windowAfter.Get($"/api/v1/cases/{openId}")).Body!["timeline"]!.AsArray(),
            t => t!["type"]!.GetValue<string>() == "overdue");
        Assert.DoesNotContain((await windowAfter.Get("/api/v1/units/qj-window/overdue")).Body!["items"]!.AsArray(),
            i => i!["caseId"]!.GetValue<string>() == openId);

        // Thursday 7 January: missed, on the new day.
        Expect(await anyoneAfter.Put("/api/v1/dev/clock", new { now = At(2027, 1, 7) }), HttpStatusCode.OK);
        await ModeFlowTests.Eventually(() => windowAfter.Get($"/api/v1/cases/{openId}"),
            r => r.Body!["timeline"]!.AsArray().Any(t => t!["type"]!.GetValue<string>() == "overdue"));
        var overdue = await ModeFlowTests.Eventually(() => windowAfter.Get("/api/v1/units/qj-window/overdue"),
            r => r.Body!["items"]!.AsArray().Any(i => i!["caseId"]!.GetValue<string>() == openId));
        var item = overdue.Body!["items"]!.AsArray().First(i => i!["caseId"]!.GetValue<string>() == openId)!;
        Assert.Equal("2027-01-06", item["due"]!.GetValue<string>());
    }
}
