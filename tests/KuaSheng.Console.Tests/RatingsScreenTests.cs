using Microsoft.Playwright;

namespace KuaSheng.Console.Tests;

/// <summary>好差评 (screen 8): a bad rating given in the test counts for the rated unit, and shows with its rectification's
/// due date and state until the unit records the rectification.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class RatingsScreenTests(ConsoleFixture fixture)
{
    private const string Path = "/console/ratings";

    [Fact]
    public async Task A_bad_rating_counts_for_its_unit_and_shows_its_rectification_until_it_is_done()
    {
        var api = new ApiCases(fixture.Node);
        var (id, number) = await api.ReceiveAsync();
        await api.CompleteAndRateBadlyAsync(id);

        await using var session = await fixture.SessionAsync();
        await session.SignInAsync("supervisor");
        var page = session.Page;
        await page.AssertInNavigationAsync(Path);
        var row = page.Locator($"#bad-ratings tr[data-case-id='{id}']");
        await page.ReloadUntilAsync(Path, async () => await row.CountAsync() == 1, "the bad rating");

        var cells = await row.CellsAsync();
        Assert.Equal(number, cells[0]);
        Assert.Equal("不满意", cells[2]);
        Assert.Equal(KuaSheng.Domain.Units.KnownUnits.DistrictWindowName, cells[4]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", cells[5]);
        Assert.Equal("open", await row.Locator("td[data-state]").GetAttributeAsync("data-state"));
        Assert.Equal("整改中", cells[6]);

        // Per unit and level: the rated unit (the window's) has at least this 不满意 and 差评.
        var unit = page.Locator($"#ratings-per-unit tr[data-unit-id='{ApiCases.Window}']");
        var figures = await unit.CellsAsync();
        Assert.Equal(["非常满意", "满意", "基本满意", "不满意", "非常不满意", "差评"],
            (await page.Locator("#ratings-per-unit thead th").AllInnerTextsAsync()).Skip(1).Select(t => t.Trim()));
        Assert.True(long.Parse(figures[4]) >= 1);
        Assert.Equal(long.Parse(figures[4]) + long.Parse(figures[5]), long.Parse(figures[6]));
        await page.AssertAccessibleAsync("ratings");
        await page.ScreenshotAsync("ratings");

        await api.RectifyAsync(id);
        await page.ReloadUntilAsync(Path, async () => await row.Locator("td[data-state]").GetAttributeAsync("data-state") == "rectified", "the rectification");
        Assert.Equal("按期整改", (await row.CellsAsync())[6]);
        session.AssertClean();
    }

    [Fact]
    public async Task Only_supervisors_see_the_ratings()
    {
        foreach (var (role, unit) in new[] { ("officer", (string?)ApiCases.Hrss), ("window", ApiCases.Window), ("operator", null) })
        {
            await using var session = await fixture.SessionAsync();
            await session.SignInAsync(role, unit);
            await session.Page.AssertRefusedAsync(Path, "好差评");
            session.AssertClean();
        }
    }
}
