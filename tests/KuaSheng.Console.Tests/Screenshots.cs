using Microsoft.Playwright;

namespace KuaSheng.Console.Tests;

/// <summary>Screenshots of the screens as the tests pass through them: into <c>KUASHENG_CONSOLE_SCREENSHOTS</c> when set
/// (<c>ops/console-screenshots.sh</c> sets it to <c>docs/console</c>), else into a temp folder (taken all the same, so
/// that the step is tried on every run).</summary>
public static class Screenshots
{
    private static readonly string Folder = Environment.GetEnvironmentVariable("KUASHENG_CONSOLE_SCREENSHOTS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(Path.GetTempPath(), "kuasheng-console-screenshots");

    public static async Task TakeAsync(this IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty");
    }
}
