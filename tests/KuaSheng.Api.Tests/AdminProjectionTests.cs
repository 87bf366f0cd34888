using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>The projections for operators over HTTP: status and lag (operator, supervisor), a rebuild (operator only)
/// that leaves the same search results, and the lag as a Prometheus metric on /metrics.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminProjectionTests(ApiNode node)
{
    private const string Projections = "/api/v1/admin/projections";

    private static async Task<ApiClient.Response> Until(ApiClient client, string path, Func<ApiClient.Response, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await client.Get(path);
            if ((response.Status == HttpStatusCode.OK && done(response)) || DateTime.UtcNow > until) return response;
            await Task.Delay(100);
        }
    }

    private static bool CaughtUp(ApiClient.Response r, string name) => r.Body!["projections"]!.AsArray()
        .Any(p => p!["name"]!.GetValue<string>() == name && p["eventsBehind"]!.GetValue<long>() == 0 && !p["rebuilding"]!.GetValue<bool>()
            && p["offset"]!.GetValue<long>() > 0);

    [Fact]
    public async Task Operators_read_the_projections_and_rebuild_one_which_gives_the_same_search_results()
    {
        using var window = node.Client("window", "qj-window");
        using var supervisor = node.Client("supervisor");
        using var operatorClient = node.Client("operator");
        var caseId = await ReceiveAndForward(window, Application("1-1", QijiangId, original: true));

        var status = await Until(operatorClient, Projections, r => CaughtUp(r, "case-summaries"));
        Expect(status, HttpStatusCode.OK);
        var names = status.Body!["projections"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["case-summaries", "ticket-summaries"], names);
        var cases = status.Body!["projections"]![0]!;
        Assert.Equal(0.0, cases["lagSeconds"]!.GetValue<double>());
        Assert.True(cases["lastEventAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(-10));
        Expect(await supervisor.Get(Projections), HttpStatusCode.OK);

        var before = await Until(supervisor, "/api/v1/cases?pageSize=200", r => r.Body!["items"]!.AsArray().Any(i => i!["caseId"]!.GetValue<string>() == caseId));
        var rebuild = await operatorClient.Post(Projections + "/case-summaries/rebuild");
        Expect(rebuild, HttpStatusCode.Accepted);
        Assert.Equal(("case-summaries", "rebuilding"), (rebuild.Text("name"), rebuild.Text("status")));
        await Until(operatorClient, Projections, r => CaughtUp(r, "case-summaries"));
        var after = await supervisor.Get("/api/v1/cases?pageSize=200");
        Assert.Equal(before.Body!.ToJsonString(), after.Body!.ToJsonString());
    }

    [Fact]
    public async Task Only_operators_rebuild_and_only_operators_and_supervisors_read()
    {
        using var window = node.Client("window", "qj-window");
        using var supervisor = node.Client("supervisor");
        using var operatorClient = node.Client("operator");
        using var anonymous = node.Client();

        Assert.Equal("forbidden", (await window.Get(Projections)).Code);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Get(Projections)).Status);
        var refused = await supervisor.Post(Projections + "/case-summaries/rebuild");
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (refused.Status, refused.Code));
        var unknown = await operatorClient.Post(Projections + "/no-such/rebuild");
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (unknown.Status, unknown.Code));
    }

    [Fact]
    public async Task Metrics_show_the_projection_lag_per_projection()
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        var until = DateTime.UtcNow.AddSeconds(30);
        string text;
        do
        {
            text = await http.GetStringAsync("/metrics");
            if (text.Contains("kuasheng_projection_lag_seconds{", StringComparison.Ordinal)) break;
            await Task.Delay(500);
        } while (DateTime.UtcNow < until);
        Assert.Matches("""kuasheng_projection_lag_seconds\{[^}]*projection="case-summaries"[^}]*\} [0-9.eE+-]+""", text);
        Assert.Matches("""kuasheng_projection_events_behind\{[^}]*projection="ticket-summaries"[^}]*\} [0-9.eE+-]+""", text);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }
}
