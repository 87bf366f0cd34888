using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Console.Tests;

/// <summary>The node's HTTP API, to set a case up for a screen or to check what a screen did.</summary>
public sealed class NodeApi(ConsoleNode node)
{
    public static string IdNumber(string first17) => first17 + ResidentIdNumber.ComputeCheckCharacter(first17);

    /// <summary>A Qijiang resident (region 500110).</summary>
    public static readonly string QijiangId = IdNumber("50011019850612002");

    public async Task<JsonElement> Send(HttpMethod method, string path, string token, object? body = null)
    {
        using var client = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        using var request = new HttpRequestMessage(method, "/api/v1" + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<JsonElement> Post(string path, string token, object? body = null) => Send(HttpMethod.Post, path, token, body);

    public Task<JsonElement> Get(string path, string token) => Send(HttpMethod.Get, path, token);

    public string Window => node.Token("window", "qj-window");
    public string Notary => node.Token("officer", "qj-notary");

    /// <summary>A proxy case of item 1-1 (公证, decided by 区公证处) received at qj-window, reviewed and forwarded.</summary>
    public async Task<(string CaseId, string CaseNumber, string QueryCode)> ForwardedNotaryCaseAsync(string name = "李四")
    {
        var created = await Post("/cases", Window, new
        {
            itemCode = "1-1", mode = "proxy", channel = "window", receivingUnitId = "qj-window",
            applicant = new { kind = "person", name, idNumber = QijiangId, phone = "13800138000" },
            materials = new[] { new { name = "公证申请表", original = false }, new { name = "学历证书原件", original = true } },
            delivery = new { method = "pickup" },
        });
        var id = created.GetProperty("caseId").GetString()!;
        await Post($"/cases/{id}/form-review", Window, new { passed = true });
        await Post($"/cases/{id}/identity-verification", Window, new { method = "face", passed = true });
        return (id, created.GetProperty("caseNumber").GetString()!, created.GetProperty("queryCode").GetString()!);
    }

    public async Task<string> StatusAsync(string caseId) =>
        (await Get($"/cases/{caseId}", node.Token("supervisor"))).GetProperty("status").GetString()!;
}
