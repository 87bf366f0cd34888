using System.Text;
using KuaSheng.Api.Ledger;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace KuaSheng.Console.Tests;

/// <summary>月度台账 (screen 7): the supervisor sees a case received in the test in the month's ledger, the table is the
/// API's ledger cell for cell, the xlsx and CSV downloads carry the same rows, the page prints without its frame, and the
/// API's rule decides who reads which unit's ledger.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class LedgerScreenTests(ConsoleFixture fixture)
{
    private const string Path = "/console/ledger";

    private static ILocator ItemRow(IPage page, string unit) =>
        page.Locator("#ledger tbody tr.level-item").Filter(new() { Has = page.Locator($"td[data-key=unitId]:text-is('{unit}')") })
            .Filter(new() { Has = page.Locator($"td[data-key=itemCode]:text-is('{ApiCases.Item}')") });

    [Fact]
    public async Task The_supervisor_sees_a_case_received_in_the_test_in_the_ledger_and_downloads_it()
    {
        var api = new ApiCases(fixture.Node);
        await using var session = await fixture.SessionAsync();
        await session.SignInAsync("supervisor");
        var page = session.Page;
        await page.AssertInNavigationAsync(Path);
        await page.GotoOkAsync(Path);
        var month = await page.Locator("#month").InputValueAsync();
        var before = await Received(page);

        await api.ReceiveAsync();
        await page.ReloadUntilAsync(Path, async () => await Received(page) > before, "the new case in 收件 of qj-window, item 1-6");
        var after = await Received(page);

        // Cell for cell what GET /ledger answers for the month (same report, same columns).
        var ledger = await api.GetAsync("supervisor", $"/api/v1/ledger?month={month}");
        var apiRows = ledger["rows"]!.AsArray();
        var pageRows = page.Locator("#ledger tbody tr");
        Assert.Equal(apiRows.Count, await pageRows.CountAsync());
        Assert.Equal(LedgerColumns.All.Select(c => c.Header), (await page.Locator("#ledger thead th").AllInnerTextsAsync()).Select(t => t.Trim()));
        var received = LedgerColumns.All.ToList().FindIndex(c => c.Key == "received");
        for (var i = 0; i < apiRows.Count; i++)
        {
            var cells = await pageRows.Nth(i).CellsAsync();
            Assert.Equal(apiRows[i]!["unitId"]?.GetValue<string>() ?? "", cells[1]);
            Assert.Equal(apiRows[i]!["received"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture), cells[received]);
        }

        // CSV: BOM, the Chinese headers, the rows of the table.
        var csv = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-csv").ClickAsync());
        Assert.Equal($"ledger-{month}.csv", csv.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await csv.PathAsync());
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(string.Join(",", LedgerColumns.All.Select(c => c.Header)), lines[0]);
        Assert.Equal(apiRows.Count, lines.Count - 1);
        Assert.Contains(lines, l => l.StartsWith($"明细,qj-window,", StringComparison.Ordinal) && l.Contains($",{ApiCases.Item},", StringComparison.Ordinal));

        // xlsx: sheet 台账 YYYY-MM, the same headers, the same number of rows and the same 收件 of qj-window's 1-6 row.
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-xlsx").ClickAsync());
        Assert.Equal($"ledger-{month}.xlsx", xlsx.SuggestedFilename);
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"console-ledger-{Guid.NewGuid():N}.xlsx");
        await xlsx.SaveAsAsync(file);
        Assert.Equal([$"台账 {month}"], MiniExcel.GetSheetNames(file));
        var sheet = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(LedgerColumns.All.Select(c => c.Header), sheet[0].Keys);
        Assert.Equal(apiRows.Count, sheet.Count);
        var item = sheet.Single(r => r["层级"] as string == "明细" && r["单位编码"] as string == "qj-window" && r["事项编码"] as string == ApiCases.Item
                                     && r["办理模式"] as string == "异地代收代办");
        Assert.Equal(after, Convert.ToInt64(item["收件"], System.Globalization.CultureInfo.InvariantCulture));
        File.Delete(file);

        // Print: the frame and the forms are gone, the table stays.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("header.site-header").IsVisibleAsync());
        Assert.False(await page.Locator("form.filters").IsVisibleAsync());
        Assert.True(await page.Locator("#ledger").IsVisibleAsync());
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await page.AssertAccessibleAsync("ledger");
        await page.ScreenshotAsync("ledger");
        session.AssertClean();
    }

    [Fact]
    public async Task An_officer_reads_only_its_own_units_ledger_and_an_operator_none()
    {
        await using (var session = await fixture.SessionAsync())
        {
            await session.SignInAsync("officer", ApiCases.Hrss);
            var page = session.Page;
            await page.GotoOkAsync(Path + "?month=2026-11");
            Assert.Equal(0, await page.Locator("#unitId").CountAsync());
            var units = (await page.Locator("#ledger tbody td[data-key=unitId]").AllInnerTextsAsync()).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct();
            Assert.Equal([ApiCases.Hrss], units);
            Assert.Equal(403, (await page.GotoAsync(Path + "?unitId=qj-window"))!.Status);
            Assert.Equal(400, (await page.GotoAsync(Path + "?month=2026-13"))!.Status);
            await page.GotoOkAsync(Path);
            await page.AssertAccessibleAsync("ledger (officer)");
            session.AssertClean();
        }
        await using (var session = await fixture.SessionAsync())
        {
            await session.SignInAsync("operator");
            await session.Page.AssertRefusedAsync(Path, "月度台账");
            session.AssertClean();
        }
    }

    private static async Task<long> Received(IPage page)
    {
        var row = ItemRow(page, ApiCases.Window).Filter(new() { Has = page.Locator("td[data-key=mode]:text-is('异地代收代办')") });
        if (await row.CountAsync() == 0) return 0;
        return long.Parse((await row.Locator("td[data-key=received]").InnerTextAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
