using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Units;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Bench;

/// <summary>
/// Recovery time of a case with a long journal. One process builds N+1 cases of E events each through a real node and
/// stops; a second process (a real restart: cold runtime, new node, same SQLite file) asks each case for its state
/// once. Before each measured case, a probe id that hashes to the same shard is asked first, so that the measured
/// figure is the entity's recovery, not the start of its shard. The first case is a warm-up (JIT of the recovery
/// path) and is reported on its own. Run with SnapshotEvery = 100 and with no snapshots, on separate folders.
/// </summary>
internal static class RecoveryBench
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public sealed record BuildResult(double Seconds, long EventsPerCase, long SubmitEvents, List<double> EventCommandMs);

    public sealed record MeasureResult(double StartToUpMs, double FirstCaseAnswerMs, double UnitsReadyMs, double WarmupMs, List<double> ProbeMs, List<double> FirstMs,
        List<double> SecondMs, int ShardsBefore, int ShardsStartedByProbes, int ShardsStartedByCases, long Version);

    public static async Task<int> Run(Args options)
    {
        var events = options.Int("events", 200);
        var cases = options.Int("cases", 20);
        var rounds = options.Int("rounds", 3);
        Machine.Print("recovery", options.Echo());
        Console.WriteLine($"{cases} cases of {events} events each (+1 warm-up case), built through a node, then read once each by a fresh node (new process) on the same SQLite file; {rounds} restarts, so {rounds * cases} recoveries per variant.");
        Console.WriteLine();

        var summary = new Table("variant", "n", "recovery p50 ms", "recovery p95 ms", "recovery mean ms", "recovery max ms", "in-memory read p50 ms",
            "probe (shard start) p50 ms", "warm-up case ms");
        var start = new Table("variant", "start→Up ms", "first case answer after Up ms", "units ready after that ms", "write p50 ms (build)", "write p95 ms (build)");
        var storage = new Table("variant", "journal rows", "snapshot rows", "other rows", "db MiB", "wal MiB", "snapshots seq");
        foreach (var (label, every) in new[] { ("SnapshotEvery=100", 100), ("no snapshots", int.MaxValue) })
        {
            using var dir = new TempDir("recovery");
            var build = await Child.Run<BuildResult>("_recovery-build", "--dir", dir.Path, "--events", $"{events}", "--cases", $"{cases + 1}",
                "--snapshot-every", $"{every}");
            var (rows, dbBytes, walBytes, snapshotSeqs) = Storage(dir.Db);
            var ms = new List<MeasureResult>();
            for (var round = 0; round < rounds; round++)
            {
                var m = await Child.Run<MeasureResult>("_recovery-measure", "--dir", dir.Path, "--cases", $"{cases + 1}", "--snapshot-every", $"{every}",
                    "--events", $"{events}");
                if (m.ShardsStartedByCases != 0)
                    Console.WriteLine($"warning: measured cases started {m.ShardsStartedByCases} shards that their probes had not");
                ms.Add(m);
            }
            var firsts = ms.SelectMany(m => m.FirstMs).ToList();
            summary.Row(label, firsts.Count, Stats.Ms(Stats.Percentile(firsts, 50)), Stats.Ms(Stats.Percentile(firsts, 95)), Stats.Ms(firsts.Average()),
                Stats.Ms(firsts.Max()), Stats.Ms(Stats.Percentile(ms.SelectMany(m => m.SecondMs).ToList(), 50)),
                Stats.Ms(Stats.Percentile(ms.SelectMany(m => m.ProbeMs).ToList(), 50)), string.Join(" / ", ms.Select(m => Stats.Ms(m.WarmupMs))));
            start.Row(label, string.Join(" / ", ms.Select(m => Stats.Ms(m.StartToUpMs))), string.Join(" / ", ms.Select(m => Stats.Ms(m.FirstCaseAnswerMs))),
                string.Join(" / ", ms.Select(m => Stats.Ms(m.UnitsReadyMs))), Stats.Ms(Stats.Percentile(build.EventCommandMs, 50)),
                Stats.Ms(Stats.Percentile(build.EventCommandMs, 95)));
            var journal = rows.GetValueOrDefault("event_journal");
            var snapshot = rows.GetValueOrDefault("snapshot");
            var other = string.Join(", ", rows.Where(kv => kv.Key is not ("event_journal" or "snapshot")).Select(kv => $"{kv.Key} {kv.Value}"));
            storage.Row(label, journal, snapshot, other, Stats.Mib(dbBytes), Stats.Mib(walBytes), snapshotSeqs);
            Console.WriteLine($"{label}: each case at version {ms[0].Version} ({build.SubmitEvents} events from the submission, then 1 mailing, then carrier events); build took {build.Seconds:F1} s.");
        }
        Console.WriteLine();
        summary.Print("Recovery (first GetCaseState of a case after a restart; probe = the message that started its shard just before; warm-up = first case of each restart, not in n):");
        start.Print("Node start (per restart) and write latency while building (one carrier-event command, all cases in parallel):");
        storage.Print("Storage after the build (node stopped, before the restart):");
        return 0;
    }

    public static async Task<int> BuildChild(Args options)
    {
        var dir = options.Required("dir");
        var events = options.Int("events", 200);
        var cases = options.Int("cases", 21);
        var every = options.Int("snapshot-every", 100);
        var watch = Stopwatch.StartNew();
        long submitEvents = 0;
        var commandMs = new ConcurrentBag<double>();
        await using (var node = await BenchNode.StartAsync(dir, o => o.SnapshotEvery = every, Workload.Monday))
        {
            var region = node.Region<CaseRegion>();
            var results = await Task.WhenAll(Enumerable.Range(0, cases).Select(async i =>
            {
                var id = CaseId(i);
                var waybill = Workload.WaybillFor(id);
                var state = await Workload.Send(region, id, "submit", Workload.Submission(id), Timeout);
                var submitted = state.Version;
                state = await Workload.Send(region, id, "mail", Workload.MailOriginals(waybill), Timeout);
                for (var n = 0; state.Version < events; n++)
                {
                    var t = Stopwatch.GetTimestamp();
                    state = await Workload.Send(region, id, $"ev{n}", Workload.InTransit(waybill, n), Timeout);
                    commandMs.Add(Stats.Elapsed(t));
                }
                return (submitted, state.Version);
            }));
            submitEvents = results[0].submitted;
            if (results.Any(r => r.Version != events)) throw new InvalidOperationException("a case did not reach the event count");
        }
        return await Child.Write(options, new BuildResult(watch.Elapsed.TotalSeconds, events, submitEvents, commandMs.ToList()));
    }

    public static async Task<int> MeasureChild(Args options)
    {
        var dir = options.Required("dir");
        var cases = options.Int("cases", 21);
        var every = options.Int("snapshot-every", 100);
        var events = options.Int("events", 200);
        await using var node = await BenchNode.StartAsync(dir, o => o.SnapshotEvery = every, Workload.Monday);
        var region = node.Region<CaseRegion>();

        // The first answer of the case region after Up (coordinator, first shard), then the units, which are woken at
        // start (remember-entities) and recover their views: all of that start-up work is done before measuring.
        var firstAnswer = Stopwatch.StartNew();
        await region.Ask<CaseReply>(new GetCaseState("probe-start"), Timeout);
        var firstCaseAnswer = firstAnswer.Elapsed.TotalMilliseconds;
        var ready = Stopwatch.StartNew();
        foreach (var unit in new[] { "qj-window", "qj-notary" })
            await node.Region<UnitRegion>().Ask<Worklist>(new GetWorklist(unit), Timeout);
        var unitsReady = ready.Elapsed.TotalMilliseconds;

        var shardsBefore = await Shards(node);
        var warmup = 0.0;
        List<double> probes = [], firsts = [], seconds = [];
        int startedByProbes = 0, startedByCases = 0;
        long version = 0;
        var shardsThenPrevious = shardsBefore;
        for (var i = 0; i < cases; i++)
        {
            var id = CaseId(i);
            var probe = ProbeFor(id);
            var t = Stopwatch.GetTimestamp();
            await region.Ask<CaseReply>(new GetCaseState(probe), Timeout);
            var probeMs = Stats.Elapsed(t);
            var shardsNow = await Shards(node);
            if (i > 0) startedByProbes += shardsNow - shardsThenPrevious;

            t = Stopwatch.GetTimestamp();
            var first = await region.Ask<CaseReply>(new GetCaseState(id), Timeout);
            var firstMs = Stats.Elapsed(t);
            t = Stopwatch.GetTimestamp();
            await region.Ask<CaseReply>(new GetCaseState(id), Timeout);
            var secondMs = Stats.Elapsed(t);
            var shardsThen = await Shards(node);
            shardsThenPrevious = shardsThen;
            if (first.State?.Version != events) throw new InvalidOperationException($"case {id} recovered at version {first.State?.Version}, expected {events}");
            version = first.State.Version;
            if (i == 0) { warmup = firstMs; continue; }
            probes.Add(probeMs);
            firsts.Add(firstMs);
            seconds.Add(secondMs);
            startedByCases += shardsThen - shardsNow;
        }
        return await Child.Write(options, new MeasureResult(node.StartToUp.TotalMilliseconds, firstCaseAnswer, unitsReady, warmup, probes, firsts, seconds,
            shardsBefore, startedByProbes, startedByCases, version));
    }

    private static string CaseId(int i) => $"rec{i:D3}";

    /// <summary>An id of a case that does not exist, in the same shard as <paramref name="caseId"/>.</summary>
    private static string ProbeFor(string caseId)
    {
        var shard = Workload.ShardOf(caseId);
        for (var k = 0; ; k++)
            if (Workload.ShardOf($"probe-{caseId}-{k}") == shard) return $"probe-{caseId}-{k}";
    }

    private static async Task<int> Shards(BenchNode node)
    {
        var state = await node.Region<CaseRegion>().Ask<Akka.Cluster.Sharding.CurrentShardRegionState>(
            Akka.Cluster.Sharding.GetShardRegionState.Instance, Timeout);
        return state.Shards.Count;
    }

    private static (Dictionary<string, long> Rows, long DbBytes, long WalBytes, string SnapshotSeqs) Storage(string db)
    {
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        var seqs = "";
        using (var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            var tables = new List<string>();
            using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
                using var reader = list.ExecuteReader();
                while (reader.Read()) tables.Add(reader.GetString(0));
            }
            foreach (var table in tables)
            {
                using var count = connection.CreateCommand();
                count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                rows[table] = (long)count.ExecuteScalar()!;
            }
            if (tables.Contains("snapshot"))
            {
                using var s = connection.CreateCommand();
                s.CommandText = "SELECT group_concat(DISTINCT sequence_nr) FROM snapshot WHERE persistence_id LIKE 'case-%'";
                seqs = Convert.ToString(s.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }
        }
        var wal = db + "-wal";
        return (rows, new FileInfo(db).Length, File.Exists(wal) ? new FileInfo(wal).Length : 0, seqs);
    }
}
