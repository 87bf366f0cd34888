using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Console.Tests;

/// <summary>Cases set up through the node's HTTP API with bearer tokens (as a window system and an officer's unit would),
/// for the screens that only read them: search, dashboard, ledger, ratings.</summary>
public sealed class ApiCases(ConsoleNode node)
{
    /// <summary>A Qijiang resident (region 500110).</summary>
    public static readonly string QijiangId = "50011019850612002" + ResidentIdNumber.ComputeCheckCharacter("50011019850612002");

    public const string Item = "1-6";
    public const string Window = "qj-window";
    public const string Hrss = "qj-hrss";

    public HttpClient Client(string role, string? unit = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.Token(role, unit));
        return http;
    }

    /// <summary>The window of qj-window receives a proxy case of item 1-6 (its leg at qj-hrss); returns its id and number.</summary>
    public async Task<(string Id, string Number)> ReceiveAsync()
    {
        using var window = Client("window", Window);
        var created = await Post(window, "/api/v1/cases", new
        {
            itemCode = Item, mode = "proxy", channel = "window", receivingUnitId = Window,
            applicant = new { kind = "person", name = "张三", idNumber = QijiangId, phone = "13800138000" },
            materials = new[] { new { name = "申请表", original = false }, new { name = "证明材料原件", original = false } },
            delivery = new { method = "pickup" },
        }, Guid.NewGuid().ToString());
        return (created["caseId"]!.GetValue<string>(), created["caseNumber"]!.GetValue<string>());
    }

    /// <summary>Form review and identity passed: the case is forwarded to qj-hrss.</summary>
    public async Task ForwardAsync(string id)
    {
        using var window = Client("window", Window);
        await Post(window, $"/api/v1/cases/{id}/form-review", new { passed = true });
        await Post(window, $"/api/v1/cases/{id}/identity-verification", new { method = "face", passed = true });
    }

    /// <summary>Forwarded, accepted and approved by qj-hrss, handed out at the window, then rated 不满意 (差评): a
    /// rectification of qj-window opens.</summary>
    public async Task CompleteAndRateBadlyAsync(string id)
    {
        await ForwardAsync(id);
        using var window = Client("window", Window);
        using var hrss = Client("officer", Hrss);
        await Post(hrss, $"/api/v1/cases/{id}/legs/leg1/acceptance", new { accepted = true });
        await Post(hrss, $"/api/v1/cases/{id}/legs/leg1/decision", new { outcome = "approved", resultDocument = new { title = "决定书", number = "QJ-2026-114" } });
        await Post(window, $"/api/v1/cases/{id}/result-delivery", new { method = "pickup" });
        await Post(window, $"/api/v1/cases/{id}/result-collected", null);
        await Post(window, $"/api/v1/cases/{id}/rating", new { level = "dissatisfied", comment = "排队太久", channel = "window" });
    }

    public async Task RectifyAsync(string id)
    {
        using var window = Client("window", Window);
        await Post(window, $"/api/v1/cases/{id}/rectification", new { note = "增设取号机并电话回访" });
    }

    public async Task<JsonNode> GetAsync(string role, string path, string? unit = null)
    {
        using var http = Client(role, unit);
        var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<JsonNode> Post(HttpClient http, string path, object? body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(KuaSheng.Domain.ApiHeaders.IdempotencyKey, idempotencyKey ?? Guid.NewGuid().ToString());
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }
}
