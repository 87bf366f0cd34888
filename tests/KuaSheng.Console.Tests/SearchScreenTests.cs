using System.Text;
using KuaSheng.Console.Exports;
using Microsoft.Playwright;

namespace KuaSheng.Console.Tests;

/// <summary>办件查询 (screen 5): the filters in the address, the rows they give, the detail links, the CSV export and the
/// API's visibility rule.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SearchScreenTests(ConsoleFixture fixture)
{
    private const string Path = "/console/search";

    private Task<bool> Shows(IPage page, string caseId) => page.Locator($"#results tr[data-case-id='{caseId}']").CountAsync().ContinueWith(t => t.Result == 1);

    [Fact]
    public async Task Filters_change_the_address_and_the_rows_and_each_row_links_to_its_case()
    {
        var api = new ApiCases(fixture.Node);
        var received = await api.ReceiveAsync();
        var forwarded = await api.ReceiveAsync();
        await api.ForwardAsync(forwarded.Id);

        await using var session = await fixture.SessionAsync();
        await session.SignInAsync("window", ApiCases.Window);
        await session.Page.AssertInNavigationAsync(Path);
        var page = session.Page;
        await page.ReloadUntilAsync(Path + "?status=forwarded", () => Shows(page, forwarded.Id), "the forwarded case");
        await page.GotoOkAsync(Path);
        Assert.True(await Shows(page, received.Id));
        Assert.True(await Shows(page, forwarded.Id));

        await page.Locator("#status").SelectOptionAsync("forwarded");
        await page.Locator("#itemCode").FillAsync(ApiCases.Item);
        await page.Locator("form[role=search] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("status=forwarded", StringComparison.Ordinal));
        Assert.Contains("itemCode=" + ApiCases.Item, page.Url);
        Assert.True(await Shows(page, forwarded.Id));
        Assert.False(await Shows(page, received.Id));
        Assert.Equal("forwarded", await page.Locator("#status").InputValueAsync());
        var statuses = await page.Locator("#results tbody tr td:nth-child(4)").AllInnerTextsAsync();
        Assert.All(statuses, s => Assert.Equal("已推送", s.Trim()));

        var link = page.Locator($"#results tr[data-case-id='{forwarded.Id}'] a");
        Assert.Equal(forwarded.Number, (await link.InnerTextAsync()).Trim());
        Assert.Equal($"/console/cases/{forwarded.Id}", await link.GetAttributeAsync("href"));

        await page.GotoOkAsync(Path + "?status=received&overdue=false");
        Assert.True(await Shows(page, received.Id));
        Assert.False(await Shows(page, forwarded.Id));

        // Pages: one row a page, the next page's link keeps the filters and shows another row.
        await page.GotoOkAsync(Path + "?itemCode=" + ApiCases.Item + "&pageSize=1");
        Assert.Equal(1, await page.Locator("#results tbody tr").CountAsync());
        var first = await page.Locator("#results tbody tr").GetAttributeAsync("data-case-id");
        await page.Locator(".pager a[rel=next]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("page=2", StringComparison.Ordinal));
        Assert.Contains("itemCode=" + ApiCases.Item, page.Url);
        Assert.Contains("pageSize=1", page.Url);
        Assert.Equal(1, await page.Locator("#results tbody tr").CountAsync());
        Assert.NotEqual(first, await page.Locator("#results tbody tr").GetAttributeAsync("data-case-id"));

        // A wrong filter is the API's 400, in words.
        var bad = await page.GotoAsync(Path + "?from=2026-13-01");
        Assert.Equal(400, bad!.Status);
        Assert.Contains("from", await page.Locator("[role=alert]").InnerTextAsync());
        await page.GotoOkAsync(Path);
        await page.AssertAccessibleAsync("search");
        await page.ScreenshotAsync("search");
        session.AssertClean();
    }

    [Fact]
    public async Task The_CSV_export_holds_the_filtered_rows_under_Chinese_headers()
    {
        var api = new ApiCases(fixture.Node);
        var received = await api.ReceiveAsync();
        var forwarded = await api.ReceiveAsync();
        await api.ForwardAsync(forwarded.Id);

        await using var session = await fixture.SessionAsync();
        await session.SignInAsync("supervisor");
        var page = session.Page;
        await page.ReloadUntilAsync(Path + "?status=forwarded&pageSize=200", () => Shows(page, forwarded.Id), "the forwarded case");
        var total = (await page.Locator("#result-count").InnerTextAsync()).Trim();

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-csv").ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(string.Join(",", CaseSearchCsv.Headers), lines[0]);
        var rows = lines[1..];
        Assert.Equal($"共 {rows.Length} 件", total);
        Assert.Contains(rows, r => r.StartsWith(forwarded.Number + "," + ApiCases.Item + ",异地代收代办,window,qj-window,已推送,", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.StartsWith(received.Number, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains(",已推送,", r));
        session.AssertClean();
    }

    [Fact]
    public async Task A_unit_sees_only_the_cases_its_units_are_in_and_a_carrier_may_not_search()
    {
        var api = new ApiCases(fixture.Node);
        var mine = await api.ReceiveAsync();

        await using (var session = await fixture.SessionAsync())
        {
            // The notary office has no part in a 1-6 case of qj-window and qj-hrss.
            await session.SignInAsync("officer", "qj-notary");
            var page = session.Page;
            await using var check = await fixture.SessionAsync();
            await check.SignInAsync("officer", ApiCases.Hrss);
            await check.Page.ReloadUntilAsync(Path, () => Shows(check.Page, mine.Id), "the case at its leg's unit");
            await page.GotoOkAsync(Path);
            Assert.False(await Shows(page, mine.Id));
            Assert.Equal(403, (await page.GotoAsync(Path + "?unitId=qj-hrss"))!.Status);
            Assert.Equal(1, await page.Locator("#unitId option").CountAsync() - 1);
            session.AssertClean();
            check.AssertClean();
        }

        await using (var session = await fixture.SessionAsync())
        {
            await session.SignInAsync("carrier");
            await session.Page.AssertRefusedAsync(Path, "办件查询");
            session.AssertClean();
        }
    }
}
