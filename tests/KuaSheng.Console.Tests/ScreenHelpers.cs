using System.Reflection;
using Microsoft.Playwright;

namespace KuaSheng.Console.Tests;

/// <summary>What the tests of screens 5-9 share: waiting for the read model (which follows the journal within about a
/// second) by reloading a page, the 403 and navigation check of a screen, and the screenshots for docs/console.</summary>
public static class ScreenHelpers
{
    /// <summary>Reloads <paramref name="path"/> until <paramref name="ready"/> holds; fails after a generous bound (a
    /// loaded machine is slow; this is not a speed check).</summary>
    public static async Task ReloadUntilAsync(this IPage page, string path, Func<Task<bool>> ready, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await page.GotoOkAsync(path);
            if (await ready()) return;
            Assert.True(DateTime.UtcNow < until, $"{path}: {what} did not show up");
            await Task.Delay(500);
        }
    }

    /// <summary>The screen is not in the caller's navigation and its page answers 403.</summary>
    public static async Task AssertRefusedAsync(this IPage page, string path, string title)
    {
        await page.GotoOkAsync("/console");
        Assert.Equal(0, await page.Locator("header nav a", new() { HasTextString = title }).CountAsync());
        Assert.Equal(0, await page.Locator($"header nav a[href='{path}']").CountAsync());
        var response = await page.GotoAsync(path);
        Assert.Equal(403, response!.Status);
    }

    /// <summary>The screen is in the caller's navigation.</summary>
    public static async Task AssertInNavigationAsync(this IPage page, string path) =>
        Assert.Equal(1, await page.Locator($"header nav a[href='{path}']").CountAsync());

    /// <summary>Where the screenshots of the README go: docs/console in the repository, only when CONSOLE_SCREENSHOTS=1
    /// (ops/console-screenshots.sh sets it), so that an ordinary test run leaves the work tree alone.</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") != "1") return;
        var root = typeof(ScreenHelpers).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(root, "docs", "console", name + ".png"), FullPage = true });
    }

    /// <summary>The texts of the cells of a table row, in order.</summary>
    public static async Task<IReadOnlyList<string>> CellsAsync(this ILocator row) =>
        [.. (await row.Locator("th, td").AllInnerTextsAsync()).Select(t => t.Trim())];
}
