using System.Text.Json;

namespace KuaSheng.Console.Tests;

/// <summary>监管看板 (screen 6): four charts drawn by ECharts from the page's data, each with a table of the same numbers,
/// and numbers that agree with the API.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class DashboardScreenTests(ConsoleFixture fixture)
{
    private const string Path = "/console/dashboard";

    [Fact]
    public async Task Charts_render_and_their_tables_hold_the_same_numbers_as_the_read_model()
    {
        var api = new ApiCases(fixture.Node);
        var (id, _) = await api.ReceiveAsync();

        await using var session = await fixture.SessionAsync();
        await session.SignInAsync("supervisor");
        var page = session.Page;
        await page.AssertInNavigationAsync(Path);
        // The case just received is counted once the read model has it (GET /cases answers from the same tables).
        var total = 0L;
        await page.ReloadUntilAsync(Path, async () =>
        {
            total = (await api.GetAsync("supervisor", "/api/v1/cases?pageSize=1"))["total"]!.GetValue<long>();
            var cases = await api.GetAsync("supervisor", "/api/v1/cases?pageSize=200");
            return cases["items"]!.AsArray().Any(i => i!["caseId"]!.GetValue<string>() == id) && await Sum(page, "by-status") == total;
        }, "the new case in the counts");

        await page.Locator(".chart[data-drawn=true]").Nth(3).WaitForAsync();
        Assert.Equal(4, await page.Locator(".chart[data-drawn=true] canvas").CountAsync());
        foreach (var chart in new[] { "by-status", "by-mode", "overdue-by-unit", "received-per-day" })
        {
            var drawn = await page.EvaluateAsync<JsonElement>(
                "id => { const o = echarts.getInstanceByDom(document.querySelector('#' + id + ' .chart')).getOption(); const s = o.series[0];" +
                " return { labels: s.type === 'pie' ? s.data.map(d => d.name) : o.xAxis[0].data, values: s.data.map(d => typeof d === 'object' ? d.value : d) }; }",
                chart);
            var rows = page.Locator($"#{chart}-table tbody tr");
            var labels = (await rows.Locator("th").AllTextContentsAsync()).Select(t => t.Trim()).ToList();
            var values = (await rows.Locator("td").AllTextContentsAsync()).Select(t => long.Parse(t.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(labels, drawn.GetProperty("labels").EnumerateArray().Select(e => e.GetString()!).ToList());
            Assert.Equal(values, drawn.GetProperty("values").EnumerateArray().Select(e => e.GetInt64()).ToList());
        }
        Assert.Equal(total, await Sum(page, "by-mode"));
        // Today's received count is the last day of the line; the case of this test is in it.
        var today = await page.Locator("#received-per-day-table tbody tr").Last.Locator("td").TextContentAsync() ?? "";
        Assert.True(long.Parse(today.Trim(), System.Globalization.CultureInfo.InvariantCulture) >= 1);

        await page.AssertAccessibleAsync("dashboard");
        await page.ScreenshotAsync("dashboard");
        await page.GotoOkAsync(Path + "?lang=en");
        Assert.Equal("Supervision dashboard", (await page.Locator("main h1").InnerTextAsync()).Trim());
        await page.AssertAccessibleAsync("dashboard (English)");
        await page.GotoOkAsync(Path + "?lang=zh");
        session.AssertClean();
    }

    [Fact]
    public async Task A_window_and_an_operator_may_not_use_the_dashboard()
    {
        foreach (var (role, unit) in new[] { ("window", (string?)ApiCases.Window), ("operator", null) })
        {
            await using var session = await fixture.SessionAsync();
            await session.SignInAsync(role, unit);
            await session.Page.AssertRefusedAsync(Path, "监管看板");
            session.AssertClean();
        }
    }

    private static async Task<long> Sum(Microsoft.Playwright.IPage page, string chart) =>
        (await page.Locator($"#{chart}-table tbody td").AllTextContentsAsync()).Sum(t => long.Parse(t.Trim(), System.Globalization.CultureInfo.InvariantCulture));
}
