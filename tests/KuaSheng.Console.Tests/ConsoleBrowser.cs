using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace KuaSheng.Console.Tests;

/// <summary>Debian's chromium driven by Playwright (<c>ExecutablePath=/usr/bin/chromium</c>, headless, no sandbox, no
/// background traffic): never <c>playwright install</c>, which downloads a browser.</summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public static async Task<ConsoleBrowser> LaunchAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: apt-get install chromium (ops/test.sh does it when missing).");
        var browser = new ConsoleBrowser { _playwright = await Playwright.CreateAsync() };
        browser.Browser = await browser._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-default-apps", "--disable-extensions"],
        });
        return browser;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}

/// <summary>
/// One person at the console: a browser context of its own (cookies), one page, and a guard that lets requests reach the
/// node (and the identity provider, when the test has one on 127.0.0.1) and nothing else — every other request is aborted and remembered (<see cref="Foreign"/>), as is every message
/// of the browser about a Content-Security-Policy violation (<see cref="CspViolations"/>) and every page error.
/// </summary>
public sealed class ConsoleSession : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _foreign = new();
    private readonly ConcurrentQueue<string> _csp = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private ConsoleSession(IBrowserContext context, IPage page, string baseUrl)
    {
        Context = context;
        Page = page;
        BaseUrl = baseUrl;
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public string BaseUrl { get; }
    public IReadOnlyCollection<string> Foreign => _foreign;
    public IReadOnlyCollection<string> CspViolations => _csp;
    public IReadOnlyCollection<string> PageErrors => _errors;

    /// <param name="provider">The address of the test's identity provider, which the browser may visit too.</param>
    public static async Task<ConsoleSession> OpenAsync(IBrowser browser, string baseUrl, string locale = "zh-CN", string? provider = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            BaseURL = baseUrl,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var session = new ConsoleSession(context, page, baseUrl);
        Uri[] origins = provider is null ? [new Uri(baseUrl)] : [new Uri(baseUrl), new Uri(provider)];
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (IsAllowed(url, origins)) await route.ContinueAsync();
            else
            {
                session._foreign.Enqueue(route.Request.Url);
                await route.AbortAsync();
            }
        });
        // Requests the router never sees (e.g. a service worker's) are caught here.
        context.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "ws" or "wss" && !IsAllowed(url, origins))
                session._foreign.Enqueue(request.Url);
        };
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) session._csp.Enqueue(message.Text);
        };
        page.PageError += (_, error) => session._errors.Enqueue(error);
        return session;
    }

    private static bool IsAllowed(Uri url, Uri[] origins) =>
        url.Scheme is "data" or "blob" or "about" || origins.Any(o => url.Host == "127.0.0.1" && o.Host == "127.0.0.1" && url.Port == o.Port);

    /// <summary>Signs in on the dev page as a test user would: pick the role and unit, press 登录.</summary>
    public async Task SignInAsync(string role, string? unit = null)
    {
        await Page.GotoAsync("/console/signin");
        await Page.Locator("#role").SelectOptionAsync(role);
        if (unit is not null) await Page.Locator("#unit").SelectOptionAsync(unit);
        await Page.Locator("main form button[type=submit]").ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains("/console/signin", StringComparison.Ordinal));
    }

    /// <summary>Nothing left 127.0.0.1, no CSP violation, no script error: checked at the end of every test.</summary>
    public void AssertClean()
    {
        Assert.True(_foreign.IsEmpty, "requests to another host: " + string.Join(", ", _foreign));
        Assert.True(_csp.IsEmpty, "Content-Security-Policy violations: " + string.Join(" | ", _csp));
        Assert.True(_errors.IsEmpty, "script errors: " + string.Join(" | ", _errors));
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
