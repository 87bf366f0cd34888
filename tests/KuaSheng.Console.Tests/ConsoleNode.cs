using System.Net;
using KuaSheng.Api.Auth;
using KuaSheng.Host;
using KuaSheng.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

// One node and one browser for the whole assembly; Akka.Logger.Serilog writes through Serilog's static logger: no
// parallel nodes.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace KuaSheng.Console.Tests;

/// <summary>A real node (the Host's composition root, as Program.cs builds it) on 127.0.0.1 with free loopback ports and
/// its embedded SQLite in a temp folder.</summary>
public sealed class ConsoleNode : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-console-test-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => _app!.Services;

    public static async Task<ConsoleNode> StartAsync(params string[] extraArgs)
    {
        var node = new ConsoleNode();
        node.BaseUrl = $"http://127.0.0.1:{LoopbackPorts.Next()}";
        node._app = KuaShengNode.Build([
            $"--urls={node.BaseUrl}",
            $"--KuaSheng:DataDir={node._dir}",
            $"--KuaSheng:Cluster:Port={LoopbackPorts.Next()}",
            "--KuaSheng:DeadlineCheckInterval=00:00:00.250",
            "--KuaSheng:RedeliveryInterval=00:00:00.500",
            "--KuaSheng:Logging:Level=Warning",
            .. extraArgs,
        ], TextWriter.Null);
        await node._app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (await TryGet(client, "/readyz") != HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The node did not become ready.");
            await Task.Delay(200);
        }
        return node;
    }

    /// <summary>A bearer token for the API, to set up or check what the pages did.</summary>
    public string Token(string role, string? unit = null, params string[] units) =>
        Services.GetRequiredService<TokenIssuer>().Issue(role, $"{role}-test", unit, units);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static async Task<HttpStatusCode?> TryGet(HttpClient client, string path)
    {
        try { return (await client.GetAsync(path)).StatusCode; }
        catch (HttpRequestException) { return null; }
    }
}
