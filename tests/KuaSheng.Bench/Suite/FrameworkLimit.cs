using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence;
using KuaSheng.Actors.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Bench.Suite;

/// <summary>
/// The framework's limit: Akka.Persistence.Sql with the node's own persistence wiring (<see cref="KuaShengAkka.WithKuaShengPersistence"/>:
/// same SQLite file, WAL, durability, breaker) and nothing else — no cluster, no HTTP, no domain. <c>actors</c> bare
/// persistent actors each persist a payload of <c>payload</c> bytes, wait for it, and persist the next, as a case does
/// one command after another. Events/s counted after a warm-up. The framework's own journal writes by default (the
/// <c>ratio=</c>'s denominator keeps its meaning); <see cref="Journal.Node"/> measures the node's
/// (<see cref="KuaSheng.Actors.Persistence.SqliteJournal"/>) the same way.
/// </summary>
internal static class FrameworkLimit
{
    public static SqliteSynchronous NodeDurability() =>
        Enum.TryParse<SqliteSynchronous>(Environment.GetEnvironmentVariable("KuaSheng__SqliteSynchronous"), ignoreCase: true, out var mode)
            ? mode : new KuaShengOptions().SqliteSynchronous;

    /// <param name="hocon">Settings tried on top of the node's (experiments: batch size, parallelism...).</param>
    public enum Journal { Framework, Node }

    /// <summary>The plugin's own journal class in place of the node's, with the one writer the node gave it while it
    /// wrote the node's events (SQLite takes one writer at a time).</summary>
    private const string FrameworkJournal = """
        akka.persistence.journal.sql.class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
        akka.persistence.journal.sql.parallelism = 1
        """;

    public static async Task<double> MeasureAsync(string dataDir, int actors, int payloadBytes, TimeSpan warmup, TimeSpan measure, string hocon = "",
        Journal journal = Journal.Framework)
    {
        // The node's durability: KuaSheng__SqliteSynchronous in the environment reaches the node and this alike.
        var options = new KuaShengOptions { DataDir = dataDir, SqliteSynchronous = NodeDurability() };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddAkka("framework-limit", (akka, _) => akka
            .WithKuaShengPersistence(options)
            .AddHocon(journal == Journal.Framework && options.Database == DatabaseKind.Sqlite ? FrameworkJournal : "", HoconAddMode.Prepend)
            .AddHocon(hocon, HoconAddMode.Prepend)
            .ConfigureLoggers(l => l.LogLevel = Akka.Event.LogLevel.WarningLevel));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var payload = new byte[payloadBytes];
            Random.Shared.NextBytes(payload);
            var run = new Switch();
            for (var i = 0; i < actors; i++)
                system.ActorOf(Props.Create(() => new BareWriter($"bare-{i}-{Guid.NewGuid():N}", payload, run))).Tell(BareWriter.Go);
            await Task.Delay(warmup);
            var before = Interlocked.Read(ref run.Persisted);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Task.Delay(measure);
            var count = Interlocked.Read(ref run.Persisted) - before;
            var seconds = watch.Elapsed.TotalSeconds;
            run.On = false;
            return count / seconds;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary><c>framework-limit</c>: the limit alone, with settings to try (<c>--hocon "..."</c>).</summary>
    public static async Task<int> Run(Args options)
    {
        Machine.Print("framework-limit", options.Echo());
        using var dir = new TempDir("framework");
        var journal = Enum.Parse<Journal>(options.String("journal", nameof(Journal.Framework)), ignoreCase: true);
        var rate = await MeasureAsync(dir.Path, options.Int("actors", 64), options.Int("payload", 300), TimeSpan.FromSeconds(options.Int("warmup", 3)),
            TimeSpan.FromSeconds(options.Int("seconds", 10)), options.String("hocon", ""), journal);
        Console.WriteLine($"{(journal == Journal.Framework ? "framework" : "node journal")} limit: {rate:F0} events/s (load average {Machine.LoadAverage()})");
        return 0;
    }

    internal sealed class Switch
    {
        public volatile bool On = true;
        public long Persisted;
    }

    /// <summary>Persists its payload again as soon as the last one is written, while the switch is on.</summary>
    private sealed class BareWriter : ReceivePersistentActor
    {
        public const string Go = "go";
        private readonly string _id;

        public BareWriter(string id, byte[] payload, Switch run)
        {
            _id = id;
            Command<string>(_ => Next());

            void Next()
            {
                if (!run.On) return;
                Persist(payload, _ =>
                {
                    Interlocked.Increment(ref run.Persisted);
                    Next();
                });
            }
        }

        public override string PersistenceId => _id;
    }
}
