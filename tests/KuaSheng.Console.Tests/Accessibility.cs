using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace KuaSheng.Console.Tests;

/// <summary>An axe-core scan of the page as it is: no serious or critical violation (WCAG 2 A/AA rules and axe's best
/// practices), each one named with its elements when there is.</summary>
public static class Accessibility
{
    public static async Task AssertAccessibleAsync(this IPage page, string screen)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{screen}: axe found " + string.Join("; ", bad.Select(Describe)));
    }

    private static string Describe(AxeResultItem v) =>
        $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}";
}
