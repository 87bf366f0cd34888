using System.Net;

namespace KuaSheng.Console.Tests;

/// <summary>Without dev features (every production configuration) the dev sign-in does not exist: no form, and its
/// POST answers 404 even with a valid anti-forgery token, as <c>POST /auth/dev-token</c> does.</summary>
public sealed class DevSignInOffTests : IAsyncLifetime
{
    private ConsoleNode _node = null!;

    public async Task InitializeAsync() =>
        _node = await ConsoleNode.StartAsync("--KuaSheng:DevFeatures=false",
            "--KuaSheng:QueryCodes:Secret=console-test-query-code-secret-of-32-bytes-at-least");

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task The_dev_sign_in_is_not_there()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(_node.BaseUrl) };
        var page = await client.GetStringAsync("/console/signin");
        Assert.DoesNotContain("name=\"Role\"", page);
        Assert.Contains("OpenID Connect", page);

        // With a valid anti-forgery token (the public look-up's form hands one out), the sign-in handler still answers 404.
        var token = System.Text.RegularExpressions.Regex.Match(
            await client.GetStringAsync("/console/public"), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(token.Success, "the public page carries an anti-forgery token");
        var response = await client.PostAsync("/console/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Role"] = "supervisor",
            ["__RequestVerificationToken"] = token.Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(handler.CookieContainer.GetAllCookies(), c => c.Name == "ks-console");

        using var api = new HttpClient { BaseAddress = new Uri(_node.BaseUrl) };
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("/api/v1/auth/dev-token",
            new StringContent("{\"role\":\"supervisor\"}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
    }
}
