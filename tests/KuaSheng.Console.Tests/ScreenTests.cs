using System.Net;
using KuaSheng.Actors.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KuaSheng.Console.Tests;

/// <summary>The rules the screens share with the API: who sees which screen, masking, one case per form, working-day due
/// states, the public lockout and the per-address limits.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ScreenTests(ConsoleFixture fixture)
{
    private readonly NodeApi _api = new(fixture.Node);

    [Theory]
    [InlineData("window", "qj-window", new[] { "/console/intake", "/console/window", "/console/search", "/console/ledger" },
        new[] { "/console/todo", "/console/dashboard", "/console/ratings", "/console/cluster" })]
    [InlineData("officer", "qj-notary", new[] { "/console/todo", "/console/search", "/console/ledger" },
        new[] { "/console/intake", "/console/window", "/console/dashboard", "/console/ratings", "/console/cluster" })]
    [InlineData("supervisor", null, new[] { "/console/search", "/console/ledger", "/console/dashboard", "/console/ratings", "/console/cluster" },
        new[] { "/console/intake", "/console/window", "/console/todo" })]
    [InlineData("operator", null, new[] { "/console/search", "/console/cluster" },
        new[] { "/console/intake", "/console/window", "/console/todo", "/console/ledger", "/console/dashboard", "/console/ratings" })]
    public async Task Each_role_sees_only_its_screens_and_the_others_are_refused(string role, string? unit, string[] mine, string[] others)
    {
        await using var session = await fixture.SessionAsync();
        await session.SignInAsync(role, unit);
        var nav = session.Page.Locator("header nav ul.screens a");
        var links = await nav.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal([.. mine, "/console/public"], links);
        foreach (var path in others)
        {
            var response = await session.Page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            Assert.Contains("/console/forbidden", session.Page.Url);
        }
        await session.Page.AssertAccessibleAsync("forbidden");
        session.AssertClean();
    }

    [Fact]
    public async Task A_double_submitted_application_is_one_case()
    {
        await using var clerk = await fixture.SessionAsync();
        await clerk.SignInAsync("window", "qj-window");
        var page = clerk.Page;
        await page.GotoOkAsync("/console/intake");
        await page.Locator("#item-code").SelectOptionAsync("1-6");
        await page.Locator("#applicant-name").FillAsync("赵六");
        await page.Locator("#applicant-id").FillAsync(NodeApi.QijiangId);
        await page.Locator("#applicant-phone").FillAsync("13800138000");
        await page.Locator("#material-0").FillAsync("申请表");

        // The same form sent twice, as a double click past the page's own guard would: one case, the same receipt.
        var urls = await page.EvaluateAsync<string[]>("""
            async () => {
              const form = document.getElementById('intake');
              const data = new FormData(form);
              const first = await fetch(form.action, { method: 'POST', body: data });
              const second = await fetch(form.action, { method: 'POST', body: data });
              return [first.url, second.url, String(first.status), String(second.status)];
            }
            """);
        Assert.Contains("/console/intake/receipt/", urls[0]);
        Assert.Equal(urls[0], urls[1]);
        Assert.Equal(["200", "200"], urls[2..]);
        var caseId = urls[0].Split('/')[^1];
        var view = await _api.Get($"/cases/{caseId}", fixture.Node.Token("supervisor"));
        Assert.Single(view.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("type").GetString() == "received");
        clerk.AssertClean();
    }

    [Fact]
    public async Task A_case_shows_personal_data_only_to_those_who_may_see_it()
    {
        var (caseId, _, _) = await _api.ForwardedNotaryCaseAsync("钱七");
        await using (var supervisor = await fixture.SessionAsync())
        {
            await supervisor.SignInAsync("supervisor");
            await supervisor.Page.GotoOkAsync($"/console/cases/{caseId}");
            Assert.Equal(NodeApi.QijiangId, (await supervisor.Page.Locator("#applicant-id").InnerTextAsync()).Trim());
            Assert.Equal("钱七", (await supervisor.Page.Locator("#applicant-name").InnerTextAsync()).Trim());
            await supervisor.Page.AssertAccessibleAsync("办件详情 (supervisor)");
            supervisor.AssertClean();
        }
        await using (var operatorSession = await fixture.SessionAsync())
        {
            await operatorSession.SignInAsync("operator");
            await operatorSession.Page.GotoOkAsync($"/console/cases/{caseId}");
            Assert.Equal(NodeApi.QijiangId[..6] + "********" + NodeApi.QijiangId[^4..], (await operatorSession.Page.Locator("#applicant-id").InnerTextAsync()).Trim());
            Assert.Equal("钱*", (await operatorSession.Page.Locator("#applicant-name").InnerTextAsync()).Trim());
            Assert.DoesNotContain(NodeApi.QijiangId, await operatorSession.Page.ContentAsync());
            // An operator reads, never writes a case: no step is offered.
            Assert.Equal(0, await operatorSession.Page.Locator("#actions-title ~ .actions form").CountAsync());
            operatorSession.AssertClean();
        }
        await using var stranger = await fixture.SessionAsync();
        await stranger.SignInAsync("officer", "qj-hrss");
        var refused = await stranger.Page.GotoAsync($"/console/cases/{caseId}");
        Assert.Equal(403, refused!.Status);
        Assert.DoesNotContain(NodeApi.QijiangId, await stranger.Page.ContentAsync());
        stranger.AssertClean();
    }

    [Fact]
    public async Task The_officers_list_shows_due_soon_in_amber_and_overdue_in_red_in_working_days()
    {
        var (caseId, _, _) = await _api.ForwardedNotaryCaseAsync("孙八");
        var view = await _api.Get($"/cases/{caseId}", fixture.Node.Token("supervisor"));
        var due = DateOnly.Parse(view.GetProperty("deadlines").EnumerateArray()
            .First(d => d.GetProperty("step").GetString() == "acceptance" && !d.GetProperty("met").GetBoolean()).GetProperty("due").GetString()!);
        var clock = fixture.Node.Services.GetRequiredService<AdjustableClock>();
        await using var officer = await fixture.SessionAsync();
        await officer.SignInAsync("officer", "qj-notary");
        var cell = officer.Page.Locator($"#todo-lists tr[data-case='{caseId}'] td:nth-child(5)");
        try
        {
            // On the due day: amber, no working day left.
            clock.Set(new DateTimeOffset(due.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)));
            await officer.Page.GotoOkAsync("/console/todo");
            await Assertions.Expect(cell).ToHaveClassAsync("due-soon");
            Assert.Contains("即将到期", await cell.InnerTextAsync());

            // Ten calendar days later: red, with the working days over (at least six in any ten days).
            clock.Set(new DateTimeOffset(due.AddDays(10).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)));
            await officer.Page.GotoOkAsync("/console/todo");
            await Assertions.Expect(cell).ToHaveClassAsync("due-overdue");
            Assert.Matches("超期 [0-9]+ 个工作日|已超期", await cell.InnerTextAsync());
            await officer.Page.AssertAccessibleAsync("待办 with overdue work");
            officer.AssertClean();
        }
        finally
        {
            clock.Release();
        }
    }

    [Fact]
    public async Task The_public_look_up_goes_through_the_apis_gate_and_lockout()
    {
        var (_, number, code) = await _api.ForwardedNotaryCaseAsync("周九");
        await using var guesser = await fixture.SessionAsync();
        var page = guesser.Page;
        async Task<IResponse> LookUp(string tried)
        {
            await page.GotoOkAsync("/console/public");
            await page.Locator("#caseNumber").FillAsync(number);
            await page.Locator("#queryCode").FillAsync(tried);
            return await page.RunAndWaitForResponseAsync(() => page.Locator("#lookup button[type=submit]").ClickAsync(),
                r => r.Request.Method == "POST");
        }
        var right = await LookUp(code);
        Assert.Equal(200, right.Status);
        Assert.Contains("周*", await page.Locator("#public-applicant").InnerTextAsync());
        for (var i = 1; i <= 10; i++)
        {
            var wrong = await LookUp(((int.Parse(code) + i) % 1_000_000).ToString("D6"));
            Assert.Equal(404, wrong.Status);
        }
        var locked = await LookUp(code);
        Assert.Equal(429, locked.Status);
        Assert.Contains("查询码错误次数过多", await page.Locator("#lookup-problem").InnerTextAsync());
        await page.AssertAccessibleAsync("公众查询 (locked)");

        // The wrong codes typed into the console locked the API's look-up as well: one gate, one count.
        using var client = new HttpClient { BaseAddress = new Uri(fixture.Node.BaseUrl) };
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync($"/api/v1/public/cases/{number}?queryCode={code}")).StatusCode);
        guesser.AssertClean();
    }

    [Fact]
    public void Every_console_page_open_without_sign_in_is_limited_per_address()
    {
        var pages = fixture.Node.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("console", StringComparison.Ordinal) == true
                        || e.RoutePattern.RawText?.StartsWith("/console", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(pages);
        var open = pages.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).ToList();
        Assert.Contains(open, e => e.RoutePattern.RawText!.Contains("public", StringComparison.Ordinal));
        Assert.Contains(open, e => e.RoutePattern.RawText!.Contains("signin", StringComparison.Ordinal));
        Assert.All(open, e => Assert.True(e.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null, e.RoutePattern.RawText));
        Assert.Equal("public", open.Single(e => e.RoutePattern.RawText!.Contains("public", StringComparison.Ordinal))
            .Metadata.GetMetadata<EnableRateLimitingAttribute>()!.PolicyName);
    }
}
