using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KuaSheng.Actors.Tests.Wiring;

/// <summary>A single-node KuaSheng actor system built by the app's own wiring (<see cref="KuaShengAkka.AddKuaSheng"/>)
/// on a SQLite file in a temporary folder. Several nodes in sequence can share the folder (restart tests).</summary>
internal sealed class Node : IAsyncDisposable
{
    private readonly IHost _host;

    private Node(IHost host) => _host = host;

    public static async Task<Node> StartAsync(string dataDir, DateTimeOffset? clock = null, string? connectionString = null,
        DatabaseKind database = DatabaseKind.Sqlite, Action<KuaShengOptions>? configure = null)
    {
        var options = new KuaShengOptions
        {
            DataDir = dataDir,
            Database = database,
            ConnectionString = connectionString,
            Cluster = new ClusterSettings { Port = FreePort() },
            DeadlineCheckInterval = TimeSpan.FromMilliseconds(250),
            RedeliveryInterval = TimeSpan.FromMilliseconds(500),
        };
        configure?.Invoke(options);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddKuaSheng(options);
        var host = builder.Build();
        if (clock is { } now) host.Services.GetRequiredService<AdjustableClock>().Set(now);
        await host.StartAsync();
        var node = new Node(host);
        await node.WaitUntilUp();
        return node;
    }

    public IServiceProvider Services => _host.Services;
    public ActorSystem System => Services.GetRequiredService<ActorSystem>();
    public IActorRef Region<T>() => Services.GetRequiredService<IActorRegistry>().Get<T>();
    public AdjustableClock Clock => Services.GetRequiredService<AdjustableClock>();

    private async Task WaitUntilUp()
    {
        var cluster = Akka.Cluster.Cluster.Get(System);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (cluster.SelfMember.Status != Akka.Cluster.MemberStatus.Up)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The node did not join its own cluster.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreePort() => KuaSheng.Testing.LoopbackPorts.Next();
}
