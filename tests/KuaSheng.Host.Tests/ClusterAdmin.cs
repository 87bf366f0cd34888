using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace KuaSheng.Host.Tests;

/// <summary>A node's cluster as its admin endpoint shows it (<c>GET /api/v1/admin/cluster</c>, operator token).</summary>
internal static class ClusterAdmin
{
    public static async Task<string> OperatorToken(ChildNode node)
    {
        using var response = await Http.Client.PostAsJsonAsync(node.BaseUrl + "/api/v1/auth/dev-token", new { role = "operator" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    public static async Task<JsonObject> View(ChildNode node, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, node.BaseUrl + "/api/v1/admin/cluster");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Polls the view until <paramref name="done"/> holds for its members or the time is up; the last view.</summary>
    public static async Task<JsonObject> Until(ChildNode node, string token, Func<JsonArray, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var view = await View(node, token);
            if (done(view["members"]!.AsArray()) || DateTime.UtcNow > deadline) return view;
            await Task.Delay(250);
        }
    }

    public static JsonNode? Member(JsonArray members, string address) =>
        members.FirstOrDefault(m => m!["address"]!.GetValue<string>() == address);
}
