using System.Net;
using System.Text;

namespace KuaSheng.Api.Tests;

/// <summary>Every kind of answer the node gives carries the security headers and no server banner (issue 13.4); no
/// cross-origin access unless configured.</summary>
[Collection(ApiCollection.Name)]
public sealed class SecurityHeadersTests(ApiNode node)
{
    public static TheoryData<string, string, string?, HttpStatusCode, string> Answers() => new()
    {
        { "200 JSON", "/api/v1/units/qj-window", "window", HttpStatusCode.OK, "application/json" },
        { "problem 400", "/api/v1/calendar/days/2026-02-30", null, HttpStatusCode.BadRequest, "application/problem+json" },
        { "problem 401", "/api/v1/units", null, HttpStatusCode.Unauthorized, "application/problem+json" },
        { "problem 403", "/api/v1/admin/cluster", "window", HttpStatusCode.Forbidden, "application/problem+json" },
        { "problem 404", "/api/v1/cases/0000000000000000", "supervisor", HttpStatusCode.NotFound, "application/problem+json" },
        { "404 without an endpoint", "/no/such/path", null, HttpStatusCode.NotFound, "" },
        { "OpenAPI document", "/openapi/v1.json", null, HttpStatusCode.OK, "application/json" },
        { "health", "/healthz", null, HttpStatusCode.OK, "application/json" },
        { "readiness", "/readyz", null, HttpStatusCode.OK, "application/json" },
        { "metrics", "/metrics", null, HttpStatusCode.OK, "text/plain" },
        { "reference page (HTML)", "/scalar/v1", null, HttpStatusCode.OK, "text/html" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_carries_the_security_headers_and_no_server_banner(string kind, string path, string? role,
        HttpStatusCode status, string mediaType)
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (role is not null) request.Headers.Authorization = new("Bearer", node.Token(role, role is "window" ? "qj-window" : null));
        using var answer = await http.SendAsync(request);
        Assert.True(answer.StatusCode == status, $"{kind}: {(int)answer.StatusCode}");
        Assert.Equal(mediaType, answer.Content.Headers.ContentType?.MediaType ?? "");
        AssertHardened(answer, html: mediaType == "text/html");
    }

    [Fact]
    public async Task A_payload_too_large_and_a_post_answer_carry_them_too()
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        using var large = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/dev-token")
        {
            Content = new StringContent(new string('x', 1_100_000), Encoding.UTF8, "application/json"),
        };
        large.Headers.ExpectContinue = true; // the refusal is read instead of a broken pipe while sending
        using var tooLarge = await http.SendAsync(large);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        AssertHardened(tooLarge, html: false);
        using var token = await http.PostAsync("/api/v1/auth/dev-token", new StringContent("{\"role\":\"supervisor\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        AssertHardened(token, html: false);
    }

    [Fact]
    public async Task Without_configured_origins_no_cross_origin_access_is_granted()
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/cases");
        preflight.Headers.Add("Origin", "https://zwfw.example.gov.cn");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var answer = await http.SendAsync(preflight);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/v1/calendar/days/2026-10-01");
        get.Headers.Add("Origin", "https://zwfw.example.gov.cn");
        using var simple = await http.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, simple.StatusCode);
        Assert.False(simple.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static void AssertHardened(HttpResponseMessage answer, bool html)
    {
        string Header(string name) => string.Join(",", answer.Headers.TryGetValues(name, out var v) ? v : []);
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("no-referrer", Header("Referrer-Policy"));
        var csp = Header("Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains(html ? "default-src 'self'" : "default-src 'none'", csp);
        Assert.DoesNotContain("*", csp);
        // Scripts: this origin's files, and inline only with the page's nonce.
        var scripts = csp.Split(';').Select(d => d.Trim()).FirstOrDefault(d => d.StartsWith("script-src", StringComparison.Ordinal)) ?? "";
        Assert.DoesNotContain("unsafe-inline", scripts);
        Assert.DoesNotContain("unsafe-eval", scripts);
        if (html) Assert.Contains("'nonce-", scripts);
        Assert.False(answer.Headers.Contains("Server"), "Server: " + Header("Server"));
    }
}
