using Microsoft.Playwright;

namespace KuaSheng.Console.Tests;

/// <summary>The node and the browser every console test shares (starting either takes seconds on this machine).</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public ConsoleNode Node { get; private set; } = null!;
    public ConsoleBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = await ConsoleNode.StartAsync();
        Browser = await ConsoleBrowser.LaunchAsync();
    }

    public Task<ConsoleSession> SessionAsync(string locale = "zh-CN") => ConsoleSession.OpenAsync(Browser.Browser, Node.BaseUrl, locale);

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        if (Node is not null) await Node.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}

/// <summary>The rules of the Playwright API the tests lean on.</summary>
public static class PageExtensions
{
    public static async Task<IResponse> GotoOkAsync(this IPage page, string path)
    {
        var response = await page.GotoAsync(path) ?? throw new InvalidOperationException($"no response for {path}");
        Assert.True(response.Ok, $"{path}: {response.Status}");
        return response;
    }
}
