using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace KuaSheng.Host.Tests;

/// <summary>Two nodes as separate processes; the split-brain resolver is slowed to ten minutes, so the operator decides.
/// The second node freezes (SIGSTOP); <c>POST /admin/cluster/down-unreachable</c> on the first marks it down and it goes
/// from the members; when it wakes (SIGCONT) it learns it was downed and exits with code 3 — it writes nothing more.</summary>
public sealed class DownUnreachableTests
{
    private static readonly Dictionary<string, string> SlowResolver = new() { ["KuaSheng__Cluster__Failover__StableAfter"] = "00:10:00" };

    [Fact]
    public async Task An_operator_downs_a_frozen_node_and_it_exits_with_code_3_when_it_wakes()
    {
        using var first = new ChildNode(SlowResolver);
        await first.WaitReadyAsync();
        using var second = new ChildNode(new Dictionary<string, string>(SlowResolver)
        {
            ["KuaSheng__Cluster__Seeds__0"] = first.AkkaAddress,
        });
        await second.WaitReadyAsync();
        var token = await ClusterAdmin.OperatorToken(first);
        var both = await ClusterAdmin.Until(first, token, m => m.Count == 2, TimeSpan.FromSeconds(30));
        Assert.True(both["members"]!.AsArray().Count == 2, both.ToJsonString());

        second.Pause();
        try
        {
            var unreachable = await ClusterAdmin.Until(first, token,
                m => ClusterAdmin.Member(m, second.AkkaAddress)?["reachable"]?.GetValue<bool>() == false, TimeSpan.FromSeconds(30));
            Assert.False(ClusterAdmin.Member(unreachable["members"]!.AsArray(), second.AkkaAddress)!["reachable"]!.GetValue<bool>(), unreachable.ToJsonString());

            using var request = new HttpRequestMessage(HttpMethod.Post, first.BaseUrl + "/api/v1/admin/cluster/down-unreachable")
            {
                Content = JsonContent.Create(new { }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var answer = await Http.Client.SendAsync(request);
            var body = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.Accepted, body);
            Assert.Equal([second.AkkaAddress], JsonNode.Parse(body)!["downed"]!.AsArray().Select(a => a!.GetValue<string>()));

            var gone = await ClusterAdmin.Until(first, token, m => ClusterAdmin.Member(m, second.AkkaAddress) is null, TimeSpan.FromSeconds(30));
            Assert.True(ClusterAdmin.Member(gone["members"]!.AsArray(), second.AkkaAddress) is null, gone.ToJsonString());
        }
        finally
        {
            second.Continue();
        }
        var exitCode = await second.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 3, $"exit code {exitCode?.ToString() ?? "none: still running after 60 s"}\n{second.Tail()}");

        // Asked again with every member reachable: nobody is marked down.
        using var again = new HttpRequestMessage(HttpMethod.Post, first.BaseUrl + "/api/v1/admin/cluster/down-unreachable") { Content = JsonContent.Create(new { }) };
        again.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var none = await Http.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.Accepted, none.StatusCode);
        Assert.Empty((await none.Content.ReadFromJsonAsync<JsonObject>())!["downed"]!.AsArray());
    }
}
