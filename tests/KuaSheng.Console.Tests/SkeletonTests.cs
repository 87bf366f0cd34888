using System.Net;
using KuaSheng.Api.Hardening;
using KuaSheng.Console.Assets;
using Microsoft.Playwright;

namespace KuaSheng.Console.Tests;

/// <summary>The console's frame: sign-in, layout, language, assets from the node only, strict CSP, accessibility.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SkeletonTests(ConsoleFixture fixture)
{
    [Fact]
    public void The_vendored_files_are_in_the_build()
    {
        Assert.Empty(ConsoleAssets.Missing());
    }

    [Fact]
    public async Task Without_signing_in_a_screen_sends_you_to_the_sign_in_page()
    {
        await using var session = await fixture.SessionAsync();
        await session.Page.GotoAsync("/console");
        Assert.Contains("/console/signin", session.Page.Url);
        Assert.Equal("登录", await session.Page.Locator("main h1").InnerTextAsync());
        session.AssertClean();
    }

    [Fact]
    public async Task Dev_sign_in_signs_in_with_the_role_and_unit_picked_and_sign_out_ends_it()
    {
        await using var session = await fixture.SessionAsync();
        await session.SignInAsync("window", "qj-window");
        Assert.Contains("qj-window", await session.Page.Locator(".who").InnerTextAsync());
        Assert.Contains("窗口", await session.Page.Locator(".who").InnerTextAsync());

        var cookie = (await session.Context.CookiesAsync()).Single(c => c.Name == "ks-console");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/console", cookie.Path);

        await session.Page.Locator("header form button[type=submit]").ClickAsync();
        await session.Page.WaitForURLAsync("**/console/signin");
        await session.Page.GotoAsync("/console");
        Assert.Contains("/console/signin", session.Page.Url);
        session.AssertClean();
    }

    [Fact]
    public async Task A_sign_in_for_a_window_without_a_unit_is_refused_with_the_dev_token_rule()
    {
        await using var session = await fixture.SessionAsync();
        await session.Page.GotoAsync("/console/signin");
        await session.Page.Locator("#role").SelectOptionAsync("window");
        var answer = await session.Page.RunAndWaitForResponseAsync(() => session.Page.Locator("main form button[type=submit]").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/console/signin", StringComparison.Ordinal));
        Assert.Equal(400, answer.Status);
        Assert.Contains("unit", await session.Page.Locator("[role=alert]").InnerTextAsync());
        Assert.DoesNotContain(await session.Context.CookiesAsync(), c => c.Name == "ks-console");
        session.AssertClean();
    }

    [Fact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.Node.BaseUrl) };
        var response = await client.PostAsync("/console/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Role"] = "supervisor",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("ks-console=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Pages_carry_the_consoles_strict_policy_and_htmx_runs_without_eval()
    {
        await using var session = await fixture.SessionAsync();
        var response = await session.Page.GotoOkAsync("/console/signin");
        Assert.Equal(SecurityHeaders.ConsolePolicy, await response.HeaderValueAsync("content-security-policy"));
        Assert.DoesNotContain("unsafe", SecurityHeaders.ConsolePolicy);
        Assert.Equal("DENY", await response.HeaderValueAsync("x-frame-options"));
        Assert.False(await session.Page.EvaluateAsync<bool>("() => htmx.config.allowEval"));
        Assert.False(await session.Page.EvaluateAsync<bool>("() => htmx.config.includeIndicatorStyles"));
        Assert.Equal(0, await session.Page.Locator("script:not([src]), [style]").CountAsync());
        session.AssertClean();
    }

    [Fact]
    public async Task Lang_en_switches_to_English_and_the_cookie_keeps_it()
    {
        await using var session = await fixture.SessionAsync();
        await session.Page.GotoOkAsync("/console/signin?lang=en");
        Assert.Equal("Sign in", await session.Page.Locator("main h1").InnerTextAsync());
        Assert.Equal("en", await session.Page.Locator("html").GetAttributeAsync("lang"));
        await session.Page.GotoOkAsync("/console/public");
        Assert.Equal("Look up my case", await session.Page.Locator("main h1").InnerTextAsync());
        await session.Page.GotoOkAsync("/console/public?lang=zh");
        Assert.Equal("zh-CN", await session.Page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("公众查询", await session.Page.Locator("main h1").InnerTextAsync());
        session.AssertClean();
    }

    [Fact]
    public async Task The_frame_pages_have_no_serious_accessibility_violation()
    {
        await using var session = await fixture.SessionAsync();
        await session.Page.GotoOkAsync("/console/signin");
        await session.Page.AssertAccessibleAsync("sign-in");
        await session.Page.GotoOkAsync("/console/public");
        await session.Page.AssertAccessibleAsync("public look-up");
        await session.SignInAsync("supervisor");
        await session.Page.GotoOkAsync("/console");
        await session.Page.AssertAccessibleAsync("home");
        await session.Page.GotoOkAsync("/console/signin?lang=en");
        await session.Page.AssertAccessibleAsync("sign-in (English)");
        session.AssertClean();
    }

    [Fact]
    public async Task The_guard_notices_a_request_to_another_host()
    {
        // The check itself must be able to fail: a page that asks another host is caught.
        await using var session = await fixture.SessionAsync();
        await session.Page.GotoOkAsync("/console/signin");
        await Assert.ThrowsAsync<PlaywrightException>(() => session.Page.GotoAsync("http://203.0.113.7/console"));
        Assert.Contains("http://203.0.113.7/console", session.Foreign);
        Assert.Throws<Xunit.Sdk.TrueException>(session.AssertClean);
    }
}
