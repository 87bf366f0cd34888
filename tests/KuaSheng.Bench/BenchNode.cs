using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Hosting;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Bench;

/// <summary>One KuaSheng node built by the app's own wiring (<see cref="KuaShengAkka.AddKuaSheng"/>) on a SQLite file
/// in <paramref name="DataDir"/>, on a free loopback port. Akka's warnings and errors go to <see cref="LogTally"/>
/// (counted, not printed), so a run's output stays a table.</summary>
internal sealed class BenchNode : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchNode(IHost host, TimeSpan startToUp)
    {
        _host = host;
        StartToUp = startToUp;
    }

    /// <summary>From <c>host.StartAsync</c> until the node's cluster member is Up.</summary>
    public TimeSpan StartToUp { get; }

    public static async Task<BenchNode> StartAsync(string dataDir, Action<KuaShengOptions>? configure = null, DateTimeOffset? clock = null)
    {
        var options = new KuaShengOptions
        {
            DataDir = dataDir,
            Cluster = new ClusterSettings { Hostname = "127.0.0.1", Port = FreePort() },
        };
        configure?.Invoke(options);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddKuaSheng(options, (akka, _) => akka.ConfigureLoggers(loggers =>
        {
            loggers.LogLevel = Akka.Event.LogLevel.WarningLevel;
            loggers.ClearLoggers();
            loggers.AddLogger<TallyLogger>();
        }));
        var host = builder.Build();
        if (clock is { } now) host.Services.GetRequiredService<AdjustableClock>().Set(now);
        var watch = Stopwatch.StartNew();
        await host.StartAsync();
        var cluster = Akka.Cluster.Cluster.Get(host.Services.GetRequiredService<ActorSystem>());
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (cluster.SelfMember.Status != Akka.Cluster.MemberStatus.Up)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The node did not join its own cluster.");
            await Task.Delay(5);
        }
        return new BenchNode(host, watch.Elapsed);
    }

    public ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();
    public IActorRef Region<T>() => _host.Services.GetRequiredService<IActorRegistry>().Get<T>();

    /// <summary>Entities alive in this node's region (sharding's own count).</summary>
    public async Task<int> LiveEntities<T>()
    {
        var state = await Region<T>().Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(30));
        return state.Shards.Sum(s => s.EntityIds.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreePort() => KuaSheng.Testing.LoopbackPorts.Next();
}

/// <summary>Counts Akka warnings and errors by source class and message (first line of the message and of its cause).</summary>
internal static class LogTally
{
    private static readonly ConcurrentDictionary<string, int> Counts = new();
    private static readonly ConcurrentQueue<(TimeSpan At, string Line)> Firsts = new();
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Reset()
    {
        Counts.Clear();
        Firsts.Clear();
    }

    public static void Add(LogEvent e)
    {
        var level = e is Error ? "ERROR" : "WARN";
        var message = FirstLine(e.Message?.ToString());
        var cause = e.Cause is null ? "" : " | " + e.Cause.GetType().Name + ": " + FirstLine(Innermost(e.Cause).Message);
        var source = e.LogClass?.Name ?? e.LogSource;
        // Entity ids and sequence numbers make every line distinct: fold digits so that like lines count together.
        var key = $"{level} {source}: {Fold(message)}{Fold(cause)}";
        if (Counts.AddOrUpdate(key, 1, (_, n) => n + 1) == 1) Firsts.Enqueue((Clock.Elapsed, $"{level} {source}: {message}{cause}"));
    }

    public static IReadOnlyList<(string Line, int Count)> Snapshot() =>
        Counts.OrderByDescending(kv => kv.Value).Select(kv => (kv.Key, kv.Value)).ToList();

    public static IReadOnlyList<string> Examples() => Firsts.Select(f => f.Line).ToList();

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    private static string FirstLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var line = text.Split('\n')[0].Trim();
        return line.Length > 220 ? line[..220] + "…" : line;
    }

    private static string Fold(string text)
    {
        var chars = new System.Text.StringBuilder(text.Length);
        var lastDigit = false;
        foreach (var c in text)
        {
            if (char.IsDigit(c)) { if (!lastDigit) chars.Append('#'); lastDigit = true; }
            else { chars.Append(c); lastDigit = false; }
        }
        return chars.ToString();
    }
}

/// <summary>Akka logger actor feeding <see cref="LogTally"/>.</summary>
internal sealed class TallyLogger : ReceiveActor, Akka.Dispatch.IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public TallyLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<Warning>(LogTally.Add);
        Receive<Error>(LogTally.Add);
        Receive<LogEvent>(_ => { });
    }
}
