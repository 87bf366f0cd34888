using System.Diagnostics;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.ReadModel;

namespace KuaSheng.Bench;

/// <summary>
/// The case projection under load (measured, not asserted): a burst of cases × events written as fast as the node
/// takes them (64 cases in flight), the projection's status sampled every 100 ms (lag, events behind) until it has
/// caught up; then a rebuild of the read model from offset zero over the whole journal. <c>--read-journal yes</c> also
/// times the plugin's own tag query alone; <c>--postgres CONNSTR</c> runs the node on a fresh PostgreSQL database.
/// </summary>
internal static class ProjectionBench
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<int> Run(Args options)
    {
        var cases = options.Int("cases", 1000);
        var perCase = Math.Max(4, options.Int("events-per-case", 10));
        Machine.Print("projection", options.Echo());
        using var dir = new TempDir("projection");
        // --postgres CONNSTR (a user that may create databases): the node on a fresh PostgreSQL database instead of SQLite.
        var postgres = options.String("postgres", "") is { Length: > 0 } admin ? await FreshPostgresDatabaseAsync(admin) : null;
        await using var node = await BenchNode.StartAsync(dir.Path, o =>
        {
            if (postgres is null) return;
            o.Database = DatabaseKind.PostgreSql;
            o.ConnectionString = postgres;
        }, Workload.Monday);
        var projection = node.Region<CaseProjectionKey>();
        await Status(projection, TimeSpan.FromSeconds(60)); // the singleton is up and the read journal warmed

        // submit (2 events) + form review (1) + originals mailed (1) + in-transit carrier events (1 each)
        var caseRegion = node.Region<CaseRegion>();
        var samples = new List<(double AtMs, ProjectionStatus Status)>();
        var watch = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try { samples.Add((watch.Elapsed.TotalMilliseconds, await Status(projection, TimeSpan.FromSeconds(10)))); }
                catch (AskTimeoutException) { }
                await Task.Delay(100);
            }
        });
        using (var gate = new SemaphoreSlim(64))
        {
            await Task.WhenAll(Enumerable.Range(0, cases).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var id = $"p{i:D6}";
                    var waybill = Workload.WaybillFor(id);
                    await Workload.Send(caseRegion, id, "1", Workload.Submission(id), Timeout);
                    await Workload.Send(caseRegion, id, "2", Workload.PassForm(), Timeout);
                    await Workload.Send(caseRegion, id, "3", Workload.MailOriginals(waybill), Timeout);
                    for (var n = 0; n < perCase - 4; n++) await Workload.Send(caseRegion, id, $"t{n}", Workload.InTransit(waybill, n), Timeout);
                }
                finally { gate.Release(); }
            }));
        }
        var writtenMs = watch.Elapsed.TotalMilliseconds;
        var final = await CaughtUp(projection);
        var caughtUpMs = watch.Elapsed.TotalMilliseconds;
        await stop.CancelAsync();
        await sampler;

        var events = final.EventsProjected;
        Console.WriteLine($"burst: {cases} cases, {events} case events projected (offset {final.Offset})");
        Console.WriteLine($"  written in {writtenMs / 1000:F1} s ({events / (writtenMs / 1000):F0} events/s); projection caught up {caughtUpMs - writtenMs:F0} ms after the last write");
        var lags = samples.Select(s => s.Status.Lag.TotalMilliseconds).Order().ToList();
        var behind = samples.Select(s => (double)s.Status.EventsBehind).Order().ToList();
        Console.WriteLine($"  lag during the burst (n={lags.Count} samples): p50 {Stats.Ms(Stats.Percentile(lags, 50))} ms, p95 {Stats.Ms(Stats.Percentile(lags, 95))} ms, max {Stats.Ms(lags.LastOrDefault())} ms");
        Console.WriteLine($"  events behind: p50 {Stats.Percentile(behind, 50):F0}, p95 {Stats.Percentile(behind, 95):F0}, max {behind.LastOrDefault():F0}");

        if (options.String("read-journal", "no") == "yes") await ReadJournalAlone(node);

        var rebuild = Stopwatch.StartNew();
        await projection.Ask<ProjectionRebuildStarted>(new RebuildProjection(), Timeout);
        var rebuilt = await CaughtUp(projection);
        Console.WriteLine($"rebuild from zero: {rebuilt.EventsProjected} events in {rebuild.Elapsed.TotalSeconds:F1} s ({rebuilt.EventsProjected / rebuild.Elapsed.TotalSeconds:F0} events/s)");
        if (postgres is null) Console.WriteLine($"  db {Stats.Mib(new FileInfo(dir.Db).Length)} MiB");
        return 0;
    }

    /// <summary>Akka.Persistence.Query's <c>CurrentEventsByTag</c> over the whole tag, nothing written: the plugin's tag
    /// query, which the projections no longer use on SQLite (quadratic in the journal: keep --cases small), timed with
    /// the arrival of its elements and the cost of deserializing the same events.</summary>
    private static async Task ReadJournalAlone(BenchNode node)
    {
        var read = Stopwatch.StartNew();
        var journal = Akka.Persistence.Query.PersistenceQuery.Get(node.System)
            .ReadJournalFor<Akka.Persistence.Sql.Query.SqlReadJournal>(Akka.Persistence.Sql.Query.SqlReadJournal.Identifier);
        var arrivals = new List<double>();
        if (Environment.GetEnvironmentVariable("KUASHENG_BENCH_TRACE_SQL") == "1")
        {
            LinqToDB.Data.DataConnection.TurnTraceSwitchOn();
            LinqToDB.Data.DataConnection.WriteTraceLine = (message, category, level) =>
            {
                if (message?.Contains("tags", StringComparison.Ordinal) == true) Console.WriteLine($"[sql {category}] {message}");
            };
        }
        var readCount = await journal.CurrentEventsByTag(ReadModelTagger.CaseTag, Akka.Persistence.Query.Offset.Sequence(0))
            .RunAggregate(0L, (n, _) => { arrivals.Add(read.Elapsed.TotalMilliseconds); return n + 1; }, node.System.Materializer());
        var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => b - a).ToList();
        Console.WriteLine($"  arrivals: first after {arrivals.FirstOrDefault():F0} ms; gaps over 20 ms: {gaps.Count(g => g > 20)} summing {gaps.Where(g => g > 20).Sum():F0} ms; the rest sum {gaps.Where(g => g <= 20).Sum():F0} ms");
        Console.WriteLine($"read alone (CurrentEventsByTag from zero): {readCount} events in {read.Elapsed.TotalSeconds:F1} s ({readCount / read.Elapsed.TotalSeconds:F0} events/s)");

        // Deserializing alone: the same events through the node's serializer.
        var serialization = node.System.Serialization;
        var loaded = await journal.CurrentEventsByTag(ReadModelTagger.CaseTag, Akka.Persistence.Query.Offset.Sequence(0))
            .Select(e => e.Event).RunAggregate(new List<object>(), (list, e) => { list.Add(e); return list; }, node.System.Materializer());
        var serializer = (Akka.Serialization.SerializerWithStringManifest)serialization.FindSerializerFor(loaded[0]);
        var blobs = loaded.Select(e => (serializer.ToBinary(e), serializer.Manifest(e))).ToList();
        var deserialize = Stopwatch.StartNew();
        foreach (var (bytes, manifest) in blobs) serializer.FromBinary(bytes, manifest);
        Console.WriteLine($"deserialize alone: {blobs.Count} events in {deserialize.Elapsed.TotalMilliseconds:F0} ms");
    }

    private static async Task<string> FreshPostgresDatabaseAsync(string admin)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(admin);
        var name = "ks_projection_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name}";
            await create.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"PostgreSQL database {name} (left in place)");
        builder.Database = name;
        return builder.ConnectionString;
    }

    private static Task<ProjectionStatus> Status(IActorRef projection, TimeSpan timeout) =>
        projection.Ask<ProjectionStatus>(new GetProjectionStatus(), timeout);

    private static async Task<ProjectionStatus> CaughtUp(IActorRef projection)
    {
        while (true)
        {
            var status = await Status(projection, Timeout);
            if (status is { EventsBehind: 0, Rebuilding: false, Offset: > 0 }) return status;
            await Task.Delay(50);
        }
    }

}
