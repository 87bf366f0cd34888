using System.Net;
using System.Text.Json.Nodes;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Idempotency;
using KuaSheng.Domain;
using Microsoft.Extensions.DependencyInjection;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>Idempotency-Key on the real node over HTTP.</summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotencyHttpTests(ApiNode node)
{
    private ApiClient Window(string subject) =>
        new(new Uri(node.BaseUrl), node.Services.GetRequiredService<TokenIssuer>().Issue("window", subject, "qj-window"));

    private static async Task<byte[]> Bytes(ApiClient.Response r) => await r.Raw.Content.ReadAsByteArrayAsync();

    private static int Count(ApiClient.Response view, string type) =>
        view.Navigate("timeline")!.AsArray().Count(t => t?["type"]?.GetValue<string>() == type);

    [Fact]
    public async Task The_same_submission_twice_answers_the_first_answer_again_and_creates_one_case()
    {
        using var window = Window("idem-w1");
        var key = Guid.NewGuid().ToString();
        var application = Application("1-1", QijiangId, original: true);
        var first = await window.Post("/api/v1/cases", application, key);
        var again = await window.Post("/api/v1/cases", application, key);

        Expect(first, HttpStatusCode.Created);
        Assert.Equal(first.Status, again.Status);
        Assert.Equal(await Bytes(first), await Bytes(again));
        Assert.Equal(first.Raw.Headers.Location, again.Raw.Headers.Location);
        Assert.Equal(first.Text("caseId"), again.Text("caseId"));
        Assert.Equal("true", again.Raw.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());

        var view = await window.Get($"/api/v1/cases/{first.Text("caseId")}");
        Expect(view, HttpStatusCode.OK);
        Assert.Equal(1, Count(view, "received"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_conflict()
    {
        using var window = Window("idem-w2");
        var key = Guid.NewGuid().ToString();
        Expect(await window.Post("/api/v1/cases", Application("1-1", QijiangId, original: true), key), HttpStatusCode.Created);
        var other = await window.Post("/api/v1/cases", Application("1-1", QijiangId, original: true, name: "李四"), key);
        Expect(other, HttpStatusCode.Conflict);
        Assert.Equal("conflict", other.Code);
        Assert.Contains("Idempotency-Key was used with another request", other.Text("detail"));
    }

    [Fact]
    public async Task Different_callers_with_the_same_key_are_independent()
    {
        using var one = Window("idem-w3a");
        using var two = Window("idem-w3b");
        var key = Guid.NewGuid().ToString();
        var a = await one.Post("/api/v1/cases", Application("1-1", QijiangId, original: true), key);
        var b = await two.Post("/api/v1/cases", Application("1-1", QijiangId, original: true, name: "王五"), key);
        Expect(a, HttpStatusCode.Created);
        Expect(b, HttpStatusCode.Created);
        Assert.NotEqual(a.Text("caseId"), b.Text("caseId"));
        Assert.False(b.Raw.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
    }

    [Fact]
    public async Task A_step_replayed_with_its_key_answers_the_same_and_happens_once()
    {
        using var window = Window("idem-w4");
        var created = await window.Post("/api/v1/cases", Application("1-1", QijiangId, original: true), Guid.NewGuid().ToString());
        Expect(created, HttpStatusCode.Created);
        var id = created.Text("caseId");

        var key = Guid.NewGuid().ToString();
        var first = await window.Post($"/api/v1/cases/{id}/withdrawal", new { reason = "申请人撤回" }, key);
        var again = await window.Post($"/api/v1/cases/{id}/withdrawal", new { reason = "申请人撤回" }, key);
        Expect(first, HttpStatusCode.OK);
        Assert.Equal("withdrawn", first.Text("status"));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(await Bytes(first), await Bytes(again));
        Assert.True(again.Raw.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));

        var view = await window.Get($"/api/v1/cases/{id}");
        Assert.Equal(1, Count(view, "withdrawn"));
        // Without the key it is a new request, which the case refuses: it was withdrawn once.
        Expect(await window.Post($"/api/v1/cases/{id}/withdrawal", new { reason = "申请人撤回" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_refusal_is_kept_too_and_replayed()
    {
        using var window = Window("idem-w5");
        var key = Guid.NewGuid().ToString();
        var first = await window.Post("/api/v1/cases/no-such-case/withdrawal", new { reason = "x" }, key);
        var again = await window.Post("/api/v1/cases/no-such-case/withdrawal", new { reason = "x" }, key);
        Expect(first, HttpStatusCode.NotFound);
        Assert.Equal(await Bytes(first), await Bytes(again));
        Assert.True(again.Raw.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
    }

    [Fact]
    public async Task Concurrent_duplicates_run_once()
    {
        using var window = Window("idem-w6");
        var key = Guid.NewGuid().ToString();
        var application = Application("1-1", QijiangId, original: true);
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => window.Post("/api/v1/cases", application, key)));

        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var created = answers.Where(a => a.Status == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        Assert.Single(created.Select(a => a.Body!.ToJsonString()).Distinct());
        Assert.Equal(1, created.Count(a => !a.Raw.Headers.Contains(IdempotencyMiddleware.ReplayedHeader)));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Conflict), a => Assert.Contains("still being processed", a.Text("detail")));
    }

    [Theory]
    [InlineData(201)]
    [InlineData(0)]
    public async Task An_invalid_key_is_400_naming_the_header(int length)
    {
        using var window = Window("idem-w7");
        var key = new string('k', length);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases")
        {
            Content = new StringContent(new JsonObject { ["itemCode"] = "1-1" }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(ApiHeaders.IdempotencyKey, key);
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", node.Token("window", "qj-window"));
        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation-failed", body["code"]!.GetValue<string>());
        Assert.NotNull(body["errors"]![ApiHeaders.IdempotencyKey]);
    }
}

/// <summary>Keys survive a restart: its own node, stopped and started on the same data folder.</summary>
public sealed class IdempotencyRestartTests : IAsyncLifetime
{
    private readonly ApiNode _node = new();

    public Task InitializeAsync() => _node.InitializeAsync();

    public Task DisposeAsync() => _node.DisposeAsync();

    [Fact]
    public async Task A_kept_answer_is_replayed_after_the_node_restarts()
    {
        var key = Guid.NewGuid().ToString();
        var application = Application("1-1", QijiangId, original: true);
        ApiClient.Response first;
        using (var window = _node.Client("window", "qj-window"))
        {
            first = await window.Post("/api/v1/cases", application, key);
            Expect(first, HttpStatusCode.Created);
        }
        var firstBytes = await first.Raw.Content.ReadAsByteArrayAsync();

        await _node.StopAsync();
        await _node.StartAsync();

        using var again = _node.Client("window", "qj-window");
        var replay = await again.Post("/api/v1/cases", application, key);
        Assert.Equal(HttpStatusCode.Created, replay.Status);
        Assert.Equal(firstBytes, await replay.Raw.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Raw.Headers.Location, replay.Raw.Headers.Location);
        Assert.True(replay.Raw.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        var other = await again.Post("/api/v1/cases", Application("1-1", QijiangId, original: true, name: "李四"), key);
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
    }
}
