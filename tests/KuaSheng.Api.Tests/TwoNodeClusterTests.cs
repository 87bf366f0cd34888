using System.Net;
using System.Text.Json.Nodes;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>Two nodes of one cluster in this process, on loopback: both appear in <c>GET /admin/cluster</c>, and a
/// <c>POST /admin/cluster/leave</c> of the second (asked of the first) makes it leave: it goes from the members.</summary>
public sealed class TwoNodeClusterTests : IAsyncLifetime
{
    private const string Cluster = "/api/v1/admin/cluster";
    private readonly ApiNode _first = new();
    private readonly ApiNode _second = new();

    public async Task InitializeAsync()
    {
        await _first.StartAsync();
        using var client = _first.Client("operator");
        var seed = (await client.Get(Cluster)).Text("self");
        await _second.StartAsync($"--KuaSheng:Cluster:Seeds:0={seed}");
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    /// <summary>Polls the first node's view until <paramref name="done"/> holds (or 60 s pass, and the caller's
    /// assertion reports the last view).</summary>
    private async Task<ApiClient.Response> ClusterUntil(Func<JsonArray, bool> done)
    {
        using var client = _first.Client("supervisor");
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var view = await client.Get(Cluster);
            if ((view.Status == HttpStatusCode.OK && done(view.Body!["members"]!.AsArray())) || DateTime.UtcNow > until) return view;
            await Task.Delay(200);
        }
    }

    private static IEnumerable<string> Addresses(JsonArray members) => members.Select(m => m!["address"]!.GetValue<string>());

    [Fact]
    public async Task The_second_node_leaves_when_an_operator_asks_and_goes_from_the_members()
    {
        using var first = _first.Client("operator");
        using var second = _second.Client("operator");
        var firstAddress = (await first.Get(Cluster)).Text("self");
        var secondAddress = (await second.Get(Cluster)).Text("self");
        Assert.NotEqual(firstAddress, secondAddress);

        var both = await ClusterUntil(m => m.Count == 2 && m.All(x => x!["status"]!.GetValue<string>() == "up"));
        Assert.Equal(new[] { firstAddress, secondAddress }.Order(StringComparer.Ordinal), Addresses(both.Body!["members"]!.AsArray()).Order(StringComparer.Ordinal));
        Assert.Contains(both.Text("leader"), new[] { firstAddress, secondAddress }); // the lowest address of the two

        var asked = await first.Post(Cluster + "/leave", new { address = secondAddress });
        Expect(asked, HttpStatusCode.Accepted);
        Assert.Equal((secondAddress, "leave"), (asked.Text("address"), asked.Text("action")));

        var after = await ClusterUntil(m => m.Count == 1);
        Assert.Equal([firstAddress], Addresses(after.Body!["members"]!.AsArray()));
        Assert.Equal("up", after.Text("members.0.status"));
    }
}
