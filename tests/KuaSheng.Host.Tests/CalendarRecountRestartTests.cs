using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace KuaSheng.Host.Tests;

/// <summary>Deadlines counted provisionally into 2027 move when 2027 is loaded; after kill -9 and a new start on the same
/// data the new dates stand and the miss fires on the new day.</summary>
public sealed class CalendarRecountRestartTests
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["KuaSheng__DeadlineCheckInterval"] = "00:00:00.250",
        ["KuaSheng__Logging__Level"] = "Warning",
    };

    private static DateTimeOffset At(int y, int m, int d) => new(y, m, d, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Moved_deadlines_stand_after_kill_9_and_fire_on_the_new_day()
    {
        using var data = new TempFolder();
        string caseId;
        using (var first = new ChildNode(Environment, data.Path))
        {
            await first.WaitReadyAsync();
            var api = new Api(first.BaseUrl);
            await api.Send(HttpMethod.Put, "/dev/clock", null, new { now = At(2026, 12, 28) });
            var window = await api.Token(new { role = "window", unit = "qj-window" });
            var created = await api.Send(HttpMethod.Post, "/cases", window, new
            {
                itemCode = "1-6", mode = "proxy", channel = "window", receivingUnitId = "qj-window",
                applicant = new { kind = "person", name = "张三", idNumber = "50011019850612002X", phone = "13800138000" },
                materials = new[] { new { name = "申请表", original = false } },
                delivery = new { method = "pickup" },
            }, HttpStatusCode.Created);
            caseId = created["caseId"]!.GetValue<string>();
            // Mon 28 Dec + 5 working days, 元旦 (statutory) off: Tue 5 January, provisional.
            Assert.Equal("2027-01-05", created["deadlines"]![0]!["due"]!.GetValue<string>());
            await Eventually(async () => (await api.Send(HttpMethod.Get, "/units/qj-window/worklist", window))["deadlines"]!.AsArray()
                .Any(d => d!["caseId"]!.GetValue<string>() == caseId));

            var op = await api.Token(new { role = "operator" });
            var loaded = await api.Send(HttpMethod.Put, "/calendar/years/2027", op, new
            {
                holidays = new Dictionary<string, string> { ["2027-01-01"] = "元旦", ["2027-01-02"] = "元旦", ["2027-01-03"] = "元旦", ["2027-01-04"] = "元旦" },
                workdays = new Dictionary<string, string>(),
            });
            Assert.Equal(1, loaded["deadlinesMoved"]!.GetValue<int>());
            first.Kill();
        }

        using var second = new ChildNode(Environment, data.Path);
        await second.WaitReadyAsync();
        var again = new Api(second.BaseUrl);
        var clerk = await again.Token(new { role = "window", unit = "qj-window" });
        var view = await again.Send(HttpMethod.Get, $"/cases/{caseId}", clerk);
        Assert.Equal(("2027-01-06", false), (view["deadlines"]![0]!["due"]!.GetValue<string>(), view["deadlines"]![0]!["provisional"]!.GetValue<bool>()));

        // The old due day has passed, the new one not: nothing is missed.
        await again.Send(HttpMethod.Put, "/dev/clock", null, new { now = At(2027, 1, 6) });
        await Task.Delay(1500);
        Assert.False(await Overdue(again, clerk, caseId));
        // The day after the new due day: missed.
        await again.Send(HttpMethod.Put, "/dev/clock", null, new { now = At(2027, 1, 7) });
        await Eventually(() => Overdue(again, clerk, caseId));
    }

    private static async Task<bool> Overdue(Api api, string token, string caseId) =>
        (await api.Send(HttpMethod.Get, $"/cases/{caseId}", token))["timeline"]!.AsArray().Any(t => t!["type"]!.GetValue<string>() == "overdue");

    private static async Task Eventually(Func<Task<bool>> done)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, "not within 20 s");
            await Task.Delay(200);
        }
    }

    private sealed class Api(string baseUrl)
    {
        public async Task<string> Token(object body) =>
            (await Send(HttpMethod.Post, "/auth/dev-token", null, body))["token"]!.GetValue<string>();

        public async Task<JsonNode> Send(HttpMethod method, string path, string? token, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
        {
            using var request = new HttpRequestMessage(method, baseUrl + "/api/v1" + path);
            if (token is not null) request.Headers.Authorization = new("Bearer", token);
            if (body is not null) request.Content = JsonContent.Create(body);
            if (method == HttpMethod.Post) request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await Http.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
            return JsonNode.Parse(text)!;
        }
    }
}
