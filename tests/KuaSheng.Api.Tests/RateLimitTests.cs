using System.Net;
using KuaSheng.Api.Hardening;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KuaSheng.Api.Tests;

/// <summary>A node with low per-address limits (3 public, 5 other token-less requests per 10 minutes) and one allowed
/// web origin, shared by the tests of <see cref="RateLimitTests"/>: each test spends the permits of one policy only.</summary>
public sealed class LimitedNode : IAsyncLifetime
{
    public const string AllowedOrigin = "https://zwfw.example.gov.cn";

    public ApiNode Node { get; } = new();

    public Task InitializeAsync() => Node.StartAsync(
        "--KuaSheng:RateLimits:Public:PermitLimit=3", "--KuaSheng:RateLimits:Public:Window=00:10:00",
        "--KuaSheng:RateLimits:TokenLess:PermitLimit=5", "--KuaSheng:RateLimits:TokenLess:Window=00:10:00",
        $"--KuaSheng:Cors:Origins:0={AllowedOrigin}/");

    public Task DisposeAsync() => Node.DisposeAsync();
}

/// <summary>Per-address limits on the endpoints without a token (issue 13.2) and cross-origin requests only from the
/// configured origins (13.4).</summary>
public sealed class RateLimitTests(LimitedNode limited) : IClassFixture<LimitedNode>
{
    private const string Allowed = LimitedNode.AllowedOrigin;
    private readonly ApiNode _node = limited.Node;

    [Fact]
    public async Task The_public_look_up_answers_429_with_retry_after_once_an_address_used_its_permits()
    {
        using var anonymous = _node.Client();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Get($"/api/v1/public/cases/QJKS20261201-{i:X16}?queryCode=123456")).Status);
        var refused = await anonymous.Post("/api/v1/public/cases/QJKS20261201-00000000000000AA/rating?queryCode=123456", new { level = "satisfied" });
        Assert.True(refused.Status == HttpStatusCode.TooManyRequests, refused.ToString());
        Assert.Equal("too-many-requests", refused.Code);
        Assert.InRange(int.Parse(Assert.Single(refused.Raw.Headers.GetValues("Retry-After"))), 1, 600);
        Assert.Equal("application/problem+json", refused.Raw.Content.Headers.ContentType?.MediaType);

        // Endpoints with a token are not limited per address.
        using var window = _node.Client("window", "qj-window");
        for (var i = 0; i < 8; i++) Assert.Equal(HttpStatusCode.OK, (await window.Get("/api/v1/units/qj-window")).Status);
    }

    [Fact]
    public async Task Every_other_endpoint_without_a_token_is_limited_too()
    {
        using var anonymous = _node.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await anonymous.Get("/api/v1/calendar/due-date?from=2026-09-30&workingDays=3")).Status);
        for (var i = 0; i < 2; i++) statuses.Add((await anonymous.Post("/api/v1/auth/dev-token", new { role = "supervisor" })).Status);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var refused = await anonymous.Post("/api/v1/auth/dev-token", new { role = "supervisor" });
        Assert.True(refused.Status == HttpStatusCode.TooManyRequests, refused.ToString());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.Get("/api/v1/calendar/days/2026-10-01")).Status);
    }

    [Fact]
    public void No_anonymous_endpoint_of_the_api_is_left_without_a_limit()
    {
        var endpoints = _node.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).ToList();
        Assert.Contains(endpoints, e => e.RoutePattern.RawText!.Contains("public/cases", StringComparison.Ordinal));
        Assert.Contains(endpoints, e => e.RoutePattern.RawText!.Contains("dev-token", StringComparison.Ordinal));
        Assert.All(endpoints, e => Assert.True(e.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null, e.RoutePattern.RawText));
        Assert.All(endpoints.Where(e => e.RoutePattern.RawText!.Contains("public/cases", StringComparison.Ordinal)),
            e => Assert.Equal(RateLimits.PublicPolicy, e.Metadata.GetMetadata<EnableRateLimitingAttribute>()!.PolicyName));
    }

    [Theory]
    [InlineData(Allowed, true)]
    [InlineData("https://evil.example", false)]
    public async Task Only_a_configured_origin_may_call_the_api_from_a_browser(string origin, bool allowed)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_node.BaseUrl) };
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/cases");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
        using var answer = await http.SendAsync(preflight);
        Assert.Equal(allowed, answer.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
    }
}
