using KuaSheng.Api.Audit;
using KuaSheng.Console.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KuaSheng.Console.Tests;

/// <summary>A production-like node (no dev features, no signing key: only the identity provider's tokens) whose console
/// signs in with <see cref="LoopbackSignInProvider"/>, and a browser of its own.</summary>
public sealed class OidcConsoleFixture : IAsyncLifetime
{
    public LoopbackSignInProvider Provider { get; } = new();
    public ConsoleNode Node { get; private set; } = null!;
    public ConsoleBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Provider.StartAsync();
        Node = await ConsoleNode.StartAsync(
            $"--KuaSheng:Auth:Oidc:Authority={Provider.Authority}",
            "--KuaSheng:Auth:Oidc:Audience=kuasheng-api",
            "--KuaSheng:Auth:Oidc:Claims:Role=kuasheng_role",
            "--KuaSheng:Auth:Oidc:Claims:Unit=org_unit",
            "--KuaSheng:Auth:Oidc:RoleValues:ks-officer=officer",
            "--KuaSheng:Auth:SigningKey=",
            "--KuaSheng:DevFeatures=false",
            "--KuaSheng:QueryCodes:Secret=" + new string('q', 40),
            $"--KuaSheng:Console:Oidc:ClientId={LoopbackSignInProvider.ClientId}",
            $"--KuaSheng:Console:Oidc:ClientSecret={LoopbackSignInProvider.ClientSecret}");
        Provider.NodeUrl = Node.BaseUrl;
        Browser = await ConsoleBrowser.LaunchAsync();
    }

    public Task<ConsoleSession> SessionAsync(string locale = "zh-CN") =>
        ConsoleSession.OpenAsync(Browser.Browser, Node.BaseUrl, locale, Provider.Authority);

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        if (Node is not null) await Node.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>
/// Production sign-in to the console (issue 14): the browser is sent to the identity provider and back with a code
/// (PKCE), the provider's claims under its own names become the console's cookie through the API's one mapping rule, and
/// everything that is not a good sign-in — an account without a role, a refusal at the provider, a tampered state, a
/// replayed code, a return address on another host — ends without a cookie on the sign-in page with a message, never a
/// 500. Signing out reaches the provider's end-session endpoint. The browser talks to 127.0.0.1 only (node and provider).
/// </summary>
public sealed class OidcSignInTests(OidcConsoleFixture fixture) : IClassFixture<OidcConsoleFixture>, IAsyncLifetime
{
    private LoopbackSignInProvider Provider => fixture.Provider;

    private static Dictionary<string, object> Officer(string subject) =>
        new() { ["sub"] = subject, ["kuasheng_role"] = "ks-officer", ["org_unit"] = "qj-notary" };

    public Task InitializeAsync()
    {
        Provider.Next = LoopbackSignInProvider.Answer.Code;
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        var refusals = Provider.TakeRefusals();
        Assert.True(refusals.Count == 0, "the provider refused: " + string.Join(" | ", refusals));
        return Task.CompletedTask;
    }

    private static async Task<bool> HasConsoleCookie(ConsoleSession session) =>
        (await session.Context.CookiesAsync()).Any(c => c.Name == ConsoleAuth.CookieName);

    /// <summary>Opens <paramref name="path"/> and follows the redirects to wherever they end; remembers every status.</summary>
    private static async Task<List<int>> OpenAsync(ConsoleSession session, string path)
    {
        var statuses = new List<int>();
        session.Page.Response += (_, response) => statuses.Add(response.Status);
        await session.Page.GotoAsync(path);
        return statuses;
    }

    [Fact]
    public async Task An_officer_is_sent_to_the_provider_and_comes_back_signed_in_to_their_units_work()
    {
        Provider.Account = Officer("idp-officer-1");
        await using var session = await fixture.SessionAsync();
        var redeemed = Provider.Redeemed;
        await OpenAsync(session, "/console/todo");

        Assert.Equal(fixture.Node.BaseUrl + "/console/todo", session.Page.Url);
        Assert.Equal(redeemed + 1, Provider.Redeemed);
        Assert.Equal("待办", await session.Page.Locator("main h1").InnerTextAsync());
        Assert.Contains("区公证处", await session.Page.Locator("main").InnerTextAsync());
        var who = await session.Page.Locator(".who").InnerTextAsync();
        Assert.Contains("业务部门", who); // ks-officer, translated by RoleValues
        Assert.Contains("qj-notary", who); // the unit, from the provider's org_unit claim
        var record = await AuditRecordAsync("idp-officer-1");
        Assert.Equal("officer", record.Role);
        Assert.Equal("qj-notary", record.Unit);
        Assert.Equal(200, record.Status);
        session.AssertClean();
    }

    [Fact]
    public async Task The_cookie_is_HttpOnly_SameSite_Lax_and_limited_to_the_console()
    {
        Provider.Account = Officer("idp-officer-2");
        await using var session = await fixture.SessionAsync();
        await OpenAsync(session, "/console/todo");

        var cookie = (await session.Context.CookiesAsync()).Single(c => c.Name == ConsoleAuth.CookieName);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        Assert.Equal("/console", cookie.Path);
        Assert.Equal("127.0.0.1", cookie.Domain);
        Assert.False(cookie.Secure); // plain http on 127.0.0.1; Secure whenever the node is reached over https
        session.AssertClean();
    }

    [Fact]
    public async Task An_account_without_a_role_of_API_md_gets_no_cookie_and_is_told_why()
    {
        // A claim called "role" is not the configured one (kuasheng_role), whose value is no role of API.md.
        Provider.Account = new() { ["sub"] = "idp-citizen-1", ["role"] = "operator", ["kuasheng_role"] = "citizen" };
        await using var session = await fixture.SessionAsync();
        var statuses = await OpenAsync(session, "/console/todo");

        Assert.StartsWith(fixture.Node.BaseUrl + "/console/signin?failed=no-role", session.Page.Url);
        Assert.Contains("未授权", await session.Page.Locator("#signin-failure").InnerTextAsync());
        Assert.False(await HasConsoleCookie(session));
        Assert.DoesNotContain(statuses, s => s >= 500);
        var record = await AuditRecordAsync("idp-citizen-1");
        Assert.Null(record.Role);
        Assert.Equal(403, record.Status);
        session.AssertClean();
    }

    [Fact]
    public async Task A_refusal_at_the_provider_ends_on_the_sign_in_page_with_a_message()
    {
        Provider.Next = LoopbackSignInProvider.Answer.AccessDenied;
        await using var session = await fixture.SessionAsync("en");
        await session.Page.GotoOkAsync("/console/public?lang=en");
        var statuses = await OpenAsync(session, "/console/todo");

        Assert.StartsWith(fixture.Node.BaseUrl + "/console/signin?failed=denied", session.Page.Url);
        Assert.Contains("cancelled or refused", await session.Page.Locator("#signin-failure").InnerTextAsync());
        Assert.DoesNotContain(statuses, s => s >= 500);
        Assert.False(await HasConsoleCookie(session));
        // The page offers to try again, back to where the user was going.
        Assert.Contains("returnUrl=%2Fconsole%2Ftodo", await session.Page.Locator("#provider-signin").GetAttributeAsync("href"));
        session.AssertClean();
    }

    [Fact]
    public async Task A_tampered_state_or_a_replayed_code_signs_nobody_in()
    {
        Provider.Account = Officer("idp-officer-3");
        var redeemed = Provider.Redeemed;
        await using (var tampered = await fixture.SessionAsync())
        {
            Provider.Next = LoopbackSignInProvider.Answer.TamperedState;
            var statuses = await OpenAsync(tampered, "/console/todo");
            Assert.StartsWith(fixture.Node.BaseUrl + "/console/signin?failed=failed", tampered.Page.Url);
            Assert.DoesNotContain(statuses, s => s >= 500);
            Assert.False(await HasConsoleCookie(tampered));
            Assert.Equal(redeemed, Provider.Redeemed); // refused before the code was redeemed
            tampered.AssertClean();
        }

        // A code that was redeemed once (by a good sign-in) comes back with another sign-in's valid state.
        await using (var first = await fixture.SessionAsync())
        {
            await OpenAsync(first, "/console/todo");
            Assert.True(await HasConsoleCookie(first));
        }
        await using var replayed = await fixture.SessionAsync();
        Provider.Next = LoopbackSignInProvider.Answer.ReplayedCode;
        var replayStatuses = await OpenAsync(replayed, "/console/todo");
        Assert.StartsWith(fixture.Node.BaseUrl + "/console/signin?failed=failed", replayed.Page.Url);
        Assert.DoesNotContain(replayStatuses, s => s >= 500);
        Assert.False(await HasConsoleCookie(replayed));
        Assert.Equal(["token: unknown or used code"], Provider.TakeRefusals());
        replayed.AssertClean();
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    public async Task A_return_address_on_another_host_is_not_followed(string returnUrl)
    {
        Provider.Account = Officer("idp-officer-4");
        await using var session = await fixture.SessionAsync();
        await OpenAsync(session, "/console/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(fixture.Node.BaseUrl + "/console", session.Page.Url);
        Assert.True(await HasConsoleCookie(session));
        session.AssertClean(); // nothing was asked of evil.example
    }

    [Fact]
    public async Task Signing_out_clears_the_cookie_and_ends_the_session_at_the_provider()
    {
        Provider.Account = Officer("idp-officer-5");
        await using var session = await fixture.SessionAsync();
        await OpenAsync(session, "/console/todo");
        Assert.True(await HasConsoleCookie(session));
        var endSessions = Provider.EndSessions.Count;

        await session.Page.Locator("header form button[type=submit]").ClickAsync();
        await session.Page.WaitForURLAsync(fixture.Node.BaseUrl + "/console/signin");

        Assert.Equal(endSessions + 1, Provider.EndSessions.Count);
        Assert.Equal(LoopbackSignInProvider.ClientId, Provider.EndSessions.Last()["client_id"]);
        Assert.False(await HasConsoleCookie(session));
        // The sign-in page does not challenge the provider by itself after a sign-out: it offers the link.
        Assert.Equal(1, await session.Page.Locator("#provider-signin").CountAsync());
        session.AssertClean(); // among others: no form-action violation on the redirect to the provider
    }

    private async Task<AuditRecordView> AuditRecordAsync(string subject)
    {
        var trail = fixture.Node.Services.GetRequiredService<AuditTrail>();
        var until = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var page = await trail.QueryAsync(new AuditQuery(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), subject, 10, null),
                CancellationToken.None);
            if (page.Items.FirstOrDefault(r => r.Operation == AuditActions.ConsoleSignIn) is { } record) return record;
            if (DateTime.UtcNow > until) throw new TimeoutException($"no {AuditActions.ConsoleSignIn} record for {subject}");
            await Task.Delay(200);
        }
    }
}
