using Akka.Actor;
using KuaSheng.Host.Lifecycle;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace KuaSheng.Host.Tests;

/// <summary>A node built by the composition root, exactly as Program.cs builds it, on a temp data folder and free
/// ports, logging into <see cref="Log"/>.</summary>
internal sealed class InProcessNode : IAsyncDisposable
{
    private readonly TempFolder _folder = new();

    public InProcessNode(params string[] extraArgs)
    {
        HttpPort = FreePort.Next();
        AkkaPort = FreePort.Next();
        string[] args =
        [
            $"--urls=http://127.0.0.1:{HttpPort}",
            $"--KuaSheng:DataDir={DataDir}",
            $"--KuaSheng:Cluster:Port={AkkaPort}",
            .. extraArgs,
        ];
        App = KuaShengNode.Build(args, Log);
    }

    public CapturedOutput Log { get; } = new();
    public WebApplication App { get; }
    public int HttpPort { get; }
    public int AkkaPort { get; }
    public string DataDir => _folder.Path;
    public string BaseUrl => $"http://127.0.0.1:{HttpPort}";
    public ActorSystem System => App.Services.GetRequiredService<ActorSystem>();
    public ActorSystemWatcher Watcher => App.Services.GetRequiredService<ActorSystemWatcher>();

    public async Task StartAndWaitReadyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await App.StartAsync(timeout.Token);
        var (status, body) = await Http.WaitReadyAsync(BaseUrl, TimeSpan.FromSeconds(60));
        Assert.True(status == global::System.Net.HttpStatusCode.OK, $"not ready within 60 s: {status} {body}\n{Log.Tail()}");
    }

    /// <summary>Runs the node as Main does (<see cref="KuaShengNode.RunAsync"/>: the task ends with its exit code) and
    /// waits until it is ready.</summary>
    public async Task<Task<int>> RunUntilReadyAsync()
    {
        var run = KuaShengNode.RunAsync(App);
        var (status, body) = await Http.WaitReadyAsync(BaseUrl, TimeSpan.FromSeconds(60), () => run.IsCompleted);
        Assert.True(status == global::System.Net.HttpStatusCode.OK, $"not ready: {status} {body}\n{Log.Tail()}");
        return run;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await App.StopAsync(timeout.Token);
        }
        catch (ObjectDisposedException) { }
        await App.DisposeAsync();
        _folder.Dispose();
    }
}
