using System.Diagnostics;
using System.Globalization;

namespace KuaSheng.Bench.Suite;

/// <summary>
/// <c>suite</c> (issue #6; <c>ops/bench.sh</c> runs it): on one SQLite file, the database's limit and the framework's
/// limit, then a real Host process under HTTP load (closed loop to saturation, open loop at 70% of the peak), then on a
/// second file a corpus of cases for cold start, first query of a passivated case and memory. Prints one table and,
/// last, <c>ratio=</c> service events/s ÷ framework events/s.
/// </summary>
internal static class SuiteBench
{
    private sealed record Sizes(int LimitSeconds, int ClosedWarmup, int ClosedSeconds, int OpenWarmup, int OpenSeconds, int Cases, int LongCases,
        int Active, int Clients);

    private static readonly Sizes Full = new(15, 10, 30, 5, 30, 100_000, 20, 10_000, 64);
    private static readonly Sizes Quick = new(6, 5, 15, 3, 15, 10_000, 5, 2_000, 64);
    private const int EventsPerLongCase = 50;

    public static async Task<int> Run(Args options)
    {
        var quick = options.Flag("quick");
        var size = quick ? Quick : Full;
        size = size with
        {
            Cases = options.Int("cases", size.Cases), Active = options.Int("active", size.Active), Clients = options.Int("clients", size.Clients),
            ClosedSeconds = options.Int("seconds", size.ClosedSeconds), OpenSeconds = options.Int("seconds", size.OpenSeconds),
        };
        var hostDll = Path.GetFullPath(options.String("host", "src/KuaSheng.Host/bin/Release/net10.0/KuaSheng.Host.dll"));
        var payload = options.Int("payload", 300);
        Machine.Print("suite", options.Echo());
        Console.WriteLine($"node runtime settings: {HostSettings(hostDll)}");
        Console.WriteLine();
        var table = new Table("measure", "value", "target", "met", "load avg");
        var ratio = double.NaN;
        try
        {
            var part = options.String("part", "all");
            if (options.String("nodes", "") is { Length: > 0 } nodes)
                await Cluster(size, nodes.Split(','), options.Required("database"), options.String("pids", ""), table);
            else
            {
                if (part is "all" or "e2e") ratio = await EndToEnd(size, hostDll, payload, table);
                if (part is "all" or "coldstart") await ColdStart(size, hostDll, table);
            }
        }
        catch (Exception e)
        {
            table.Row("FAILED", e.GetType().Name + ": " + e.Message.Split('\n')[0], "", "", Machine.LoadAverage());
            Console.Error.WriteLine(e);
        }
        Console.WriteLine();
        table.Print(quick ? "Results (--quick: smaller sizes and shorter windows)" : "Results");
        Console.WriteLine($"ratio={ratio.ToString("F3", CultureInfo.InvariantCulture)}");
        return 0;
    }

    private static async Task<double> EndToEnd(Sizes size, string hostDll, int payload, Table table)
    {
        using (var dir = new TempDir("suite"))
        {
            var limit = TimeSpan.FromSeconds(size.LimitSeconds);
            Progress("framework limit");
            var framework = await FrameworkLimit.MeasureAsync(dir.Path, size.Clients, payload, TimeSpan.FromSeconds(3), limit);
            table.Row($"framework limit ({size.Clients} bare persistent actors, {payload} B events)", $"{framework:F0} events/s", "", "", Machine.LoadAverage());
            Progress("database limit");
            var connectionString = new KuaSheng.Actors.Hosting.KuaShengOptions { DataDir = dir.Path }.SqliteConnectionString();
            var database = await DatabaseLimit.MeasureAsync(connectionString, payload, 100, TimeSpan.FromSeconds(2), limit);
            table.Row($"database limit (batches of 100 {payload} B rows, one writer, synchronous={await DatabaseLimit.SynchronousAsync(connectionString)})", $"{database:F0} rows/s", "", "", Machine.LoadAverage());

            Progress("end to end: node start");
            await using var host = await HostProcess.StartAsync(hostDll, dir.Path);
            await using var watch = new JournalWatch(dir.Db);
            var flows = await CaseFlows.ConnectAsync(host.BaseUrl);
            var peak = await LoadAsync(size, flows, watch, host.CpuTime, table);
            table.Row("average case event payload B", $"{watch.AverageCaseEventBytes():F0}", "", "", "");
            var ratio = peak.JournalEventsPerSecond / framework;
            table.Row("service events/s ÷ framework limit", $"{ratio:P0}", "≥ 50%", Met(ratio >= 0.5), Machine.LoadAverage());
            return ratio;
        }
    }

    /// <summary>Nodes already running (one cluster; the caller started them): the closed and open loops with requests
    /// spread over the nodes in turn, events/s and projection lag from their database. No limits (they are measured on
    /// this machine's SQLite), so no ratio; node CPU only for the processes given in --pids.</summary>
    private static async Task Cluster(Sizes size, IReadOnlyList<string> nodes, string database, string pids, Table table)
    {
        Progress($"end to end on {nodes.Count} nodes: {string.Join(", ", nodes)}");
        await using var watch = JournalWatch.For(database);
        var flows = await CaseFlows.ConnectAsync([.. nodes]);
        var processes = pids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        Func<TimeSpan> cpu = () => processes.Aggregate(TimeSpan.Zero, (sum, pid) => sum + HostProcess.CpuTimeOf(pid));
        await LoadAsync(size, flows, watch, cpu, table, perCommandCpu: processes.Count > 0);
    }

    /// <summary>The closed loop to saturation, then the open loop at 70% of its rate; rows into the table.</summary>
    private static async Task<LoadResult> LoadAsync(Sizes size, CaseFlows flows, JournalWatch watch, Func<TimeSpan> nodeCpu, Table table,
        bool perCommandCpu = true)
    {
        Progress($"end to end: closed loop, {size.Clients} clients");
        var peak = await HttpLoad.ClosedAsync(flows, watch, nodeCpu, size.Clients, TimeSpan.FromSeconds(size.ClosedWarmup), TimeSpan.FromSeconds(size.ClosedSeconds));
        var load = Machine.LoadAverage();
        table.Row($"commands/s at saturation ({size.Clients} clients, closed loop)", $"{peak.CommandsPerSecond:F0}", "≥ 3000", Met(peak.CommandsPerSecond >= 3000), load);
        table.Row("full case flows/s (online, proxy, joint in turn)", $"{peak.FlowsPerSecond:F1}", "≥ 300", Met(peak.FlowsPerSecond >= 300), load);
        table.Row("events/s reaching the journal at saturation (all / case events)", $"{peak.JournalEventsPerSecond:F0} / {peak.CaseEventsPerSecond:F0}", "", "", load);
        table.Row("closed-loop latency p50 / p99 ms", $"{Stats.Ms(Stats.Percentile(peak.LatenciesMs, 50))} / {Stats.Ms(Stats.Percentile(peak.LatenciesMs, 99))}", "", "", load);
        table.Row("projection lag p99 at saturation ms", Stats.Ms(Stats.Percentile(peak.LagsMs, 99)), "≤ 1000", Met(Stats.Percentile(peak.LagsMs, 99) <= 1000), load);

        var rate = Math.Max(1, Math.Round(peak.CommandsPerSecond * 0.7));
        Progress($"end to end: open loop, {rate} commands/s");
        var open = await HttpLoad.OpenAsync(flows, watch, nodeCpu, rate, TimeSpan.FromSeconds(size.OpenWarmup), TimeSpan.FromSeconds(size.OpenSeconds));
        load = Machine.LoadAverage();
        var p99 = Stats.Percentile(open.LatenciesMs, 99);
        table.Row($"open loop at 70% of peak: {rate} commands/s offered, answered/s", $"{open.CommandsPerSecond:F0} (max {open.MaxInFlight} in flight)", "", "", load);
        table.Row("latency p50 / p95 / p99 ms (from the scheduled send)",
            $"{Stats.Ms(Stats.Percentile(open.LatenciesMs, 50))} / {Stats.Ms(Stats.Percentile(open.LatenciesMs, 95))} / {Stats.Ms(p99)}", "p99 ≤ 50", Met(p99 <= 50), load);
        table.Row("events/s reaching the journal at 70% (all / case events)", $"{open.JournalEventsPerSecond:F0} / {open.CaseEventsPerSecond:F0}", "", "", load);
        var lag = Stats.Percentile(open.LagsMs, 99);
        table.Row("projection lag p99 at 70% ms", Stats.Ms(lag), "≤ 1000", Met(lag <= 1000), load);
        if (perCommandCpu)
            table.Row("node CPU per command at saturation / at 70% ms (includes its fixed background work)",
                $"{peak.NodeCpuMsPerCommand:F2} / {open.NodeCpuMsPerCommand:F2}", "", "", load);
        table.Row("failed commands (saturation / 70%)", $"{peak.Failed} / {open.Failed}", "0", Met(peak.Failed + open.Failed == 0), load);
        foreach (var (failure, count) in flows.Failures) Console.WriteLine($"failed: {count} × {failure}");
        return peak;
    }

    private static async Task ColdStart(Sizes size, string hostDll, Table table)
    {
        using (var dir = new TempDir("coldstart"))
        {
            Progress($"corpus of {size.Cases} cases");
            var build = Stopwatch.StartNew();
            await CaseCorpus.BuildAsync(dir.Path, size.Cases, size.LongCases, EventsPerLongCase);
            Progress($"corpus built in {build.Elapsed.TotalSeconds:F0} s; cold start");
            await using var host = await HostProcess.StartAsync(hostDll, dir.Path);
            var load = Machine.LoadAverage();
            var started = host.StartToReady.TotalSeconds;
            table.Row($"cold start to ready (/readyz 200), {size.Cases} cases in the journal", $"{started:F2} s", "≤ 5 s", Met(started <= 5), load);
            var flows = await CaseFlows.ConnectAsync(host.BaseUrl);
            var firsts = new List<double>();
            for (var i = 0; i < size.LongCases; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await AnsweredAsync(flows, CaseCorpus.LongId(i));
                firsts.Add(Stats.Elapsed(t));
            }
            table.Row($"first query of a passivated case with {EventsPerLongCase} events: first after start / p50 of the next {size.LongCases - 1} ms",
                $"{Stats.Ms(firsts[0])} / {Stats.Ms(Stats.Percentile(firsts.Skip(1).ToList(), 50))}", "", "", load);
            await Task.Delay(TimeSpan.FromSeconds(5));
            var rssKnown = host.Rss();
            table.Row($"RSS, {size.Cases} passivated cases known", $"{Stats.Mib(rssKnown)} MiB", "≤ 300 MiB (100,000)", Met(rssKnown <= 300L << 20), Machine.LoadAverage());
            Progress($"waking {size.Active} cases");
            var woken = Stopwatch.StartNew();
            using (var gate = new SemaphoreSlim(32))
            {
                await Task.WhenAll(Enumerable.Range(0, size.Active).Select(async i =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        await AnsweredAsync(flows, CaseCorpus.BulkId(i));
                    }
                    finally { gate.Release(); }
                }));
            }
            var wakeSeconds = woken.Elapsed.TotalSeconds;
            var rssActive = host.Rss();
            table.Row($"RSS, {size.Active} cases active (woken by a GET each, {size.Active / wakeSeconds:F0}/s)", $"{Stats.Mib(rssActive)} MiB", "", "", Machine.LoadAverage());
        }
    }

    /// <summary>GET of a case until it answers 200 (a 503 "unavailable, try again" is retried, as a client would, for
    /// up to a minute): the time includes the retries.</summary>
    private static async Task AnsweredAsync(CaseFlows flows, string caseId)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        int status;
        while ((status = await flows.GetCaseAsync(caseId)) == 503 && DateTime.UtcNow < until) await Task.Delay(100);
        if (status != 200) throw new InvalidOperationException($"GET {caseId}: {status}");
    }

    /// <summary>The GC and thread-pool settings of the Host's runtimeconfig.json.</summary>
    private static string HostSettings(string hostDll)
    {
        var config = Path.ChangeExtension(hostDll, ".runtimeconfig.json");
        if (!File.Exists(config)) return "?";
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(config));
        return json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            ? string.Join(", ", properties.EnumerateObject().Where(p => p.Name.StartsWith("System.GC", StringComparison.Ordinal)
                || p.Name.StartsWith("System.Threading", StringComparison.Ordinal)).Select(p => $"{p.Name}={p.Value}"))
            : "defaults";
    }

    private static string Met(bool met) => met ? "yes" : "NO";

    private static void Progress(string step) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {step} (load {Machine.LoadAverage()})");
}
