using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>Deadlines on the official calendar with a moved clock: across 国庆, missed once, and still once after a
/// restart. Its own node: it moves the clock and restarts.</summary>
public sealed class DeadlineTests : IAsyncLifetime
{
    private readonly ApiNode _node = new();

    public Task InitializeAsync() => _node.InitializeAsync();

    public Task DisposeAsync() => _node.DisposeAsync();

    private static readonly DateTimeOffset BeforeNationalDay = new(2026, 9, 29, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_deadline_across_the_national_day_holiday_is_missed_once_and_the_miss_survives_a_restart()
    {
        using var anyone = _node.Client();
        Expect(await anyone.Put("/api/v1/dev/clock", new { now = BeforeNationalDay }), HttpStatusCode.OK);
        string id;
        using (var window = _node.Client("window", "qj-window"))
        {
            var created = await window.Post("/api/v1/cases", Application("1-6", QijiangId), Guid.NewGuid().ToString());
            Expect(created, HttpStatusCode.Created);
            id = created.Text("caseId");
            // 5 working days after Tue 29 Sep: 30 Sep, (1-7 Oct off), 8, 9, Sat 10 Oct (调休上班), Mon 12 Oct.
            Assert.Equal("form-review", created.Text("deadlines.0.step"));
            Assert.Equal("2026-10-12", created.Text("deadlines.0.due"));

            Expect(await anyone.Put("/api/v1/dev/clock", new { now = new DateTimeOffset(2026, 10, 13, 9, 0, 0, TimeSpan.FromHours(8)) }), HttpStatusCode.OK);
            var missed = await ModeFlowTests.Eventually(() => window.Get($"/api/v1/cases/{id}"),
                r => r.Body!["timeline"]!.AsArray().Any(t => t!["type"]!.GetValue<string>() == "overdue"));
            Assert.Equal("true", missed.Text("deadlines.0.missed"));
            await Task.Delay(1500); // several deadline checks of the unit pass
            Assert.Equal(1, await Overdues(window, id));
        }

        // The dev clock is the node's memory only: after the restart the node runs on real time (later still).
        await _node.StopAsync();
        await _node.StartAsync();
        using (var window = _node.Client("window", "qj-window"))
        {
            await Task.Delay(1500);
            Assert.Equal(1, await Overdues(window, id));
            var view = await window.Get($"/api/v1/cases/{id}");
            Assert.Equal("true", view.Text("deadlines.0.missed"));
            // Doing the step late meets the deadline, and the days over stay on record.
            var reviewed = await window.Post($"/api/v1/cases/{id}/form-review", new { passed = true });
            Assert.Equal("true", reviewed.Text("deadlines.0.met"));
            Assert.True(int.Parse(reviewed.Text("deadlines.0.daysOver"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        }
    }

    private static async Task<int> Overdues(ApiClient client, string id) =>
        (await client.Get($"/api/v1/cases/{id}")).Body!["timeline"]!.AsArray().Count(t => t!["type"]!.GetValue<string>() == "overdue");
}
