using System.Diagnostics;
using System.Globalization;
using static KuaSheng.Bench.Suite.LoadReport;

namespace KuaSheng.Bench.Suite;

/// <summary>
/// <c>suite</c> (issue #6, #12; <c>ops/bench.sh</c> runs it): on one SQLite file, the database's limit and the
/// framework's limit, then a real Host process under HTTP load with the mix of flows (closed loop to saturation, open
/// loop at 70% of the peak); on a second file the 9-step proxy flow alone (<see cref="Flow9"/>, part <c>flow9</c>), the
/// same two loops; then on a third a corpus of cases for cold start, first query of a passivated case and memory.
/// Prints one table and, last, <c>ratio=</c> commands/s of the mix ÷ the framework limit's events/s.
/// With <c>--nodes</c>, the loads only, against nodes already running (one cluster).
/// </summary>
internal static class SuiteBench
{
    private sealed record Sizes(int LimitSeconds, int ClosedWarmup, int ClosedSeconds, int OpenWarmup, int OpenSeconds, int Cases, int LongCases,
        int Active, int Clients)
    {
        /// <summary>The open loop's rate (commands/s) when fixed; null: 70% of the closed loop's peak.</summary>
        public double? OpenRate { get; init; }

        public LoadWindows Windows => new(TimeSpan.FromSeconds(ClosedWarmup), TimeSpan.FromSeconds(ClosedSeconds), TimeSpan.FromSeconds(OpenWarmup),
            TimeSpan.FromSeconds(OpenSeconds), OpenRate);
    }

    // The closed loop's warm-up is 30 s in both: on two cores a fresh node needs 20-30 s of load before tiered compilation
    // has its hot code optimized (measured: 5 s of warm-up gave 770-870 commands/s at 1.9-2.2 ms of CPU each, 30 s gave
    // 1,440-1,850 at 0.74-0.92 ms); the warm-up's own rate is a row of the table.
    private static readonly Sizes Full = new(15, 30, 30, 5, 30, 100_000, 20, 10_000, 64);
    private static readonly Sizes Quick = new(6, 30, 15, 3, 15, 10_000, 5, 2_000, 64);

    /// <summary>The bench's mix: issue #6's targets for flows, issue #12's for commands and per command.</summary>
    private static LoadPlan Mix(int clients) => new("", CaseFlows.Modes, "full case flows/s (online, proxy, joint in turn)", clients, 1500, 300, true);

    /// <summary>Issue #12's 9-step proxy flow, 32 clients.</summary>
    private static LoadPlan Flow9Plan(int clients) =>
        new("flow9: ", [Flow9.Mode], "9-step proxy flows/s (mailed result, carrier's reports, public rating)", clients, null, 170, false);

    private const int EventsPerLongCase = 50;

    public static async Task<int> Run(Args options)
    {
        var quick = options.Flag("quick");
        var size = quick ? Quick : Full;
        size = size with
        {
            Cases = options.Int("cases", size.Cases), Active = options.Int("active", size.Active), Clients = options.Int("clients", size.Clients),
            ClosedSeconds = options.Int("seconds", size.ClosedSeconds), OpenSeconds = options.Int("seconds", size.OpenSeconds),
            ClosedWarmup = options.Int("warmup", size.ClosedWarmup),
            OpenRate = options.Int("open-rate", 0) is > 0 and var fixedRate ? fixedRate : null,
        };
        var flow9Clients = options.Int("flow9-clients", 32);
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
            {
                var plans = new[] { (Part: "e2e", Plan: Mix(size.Clients)), (Part: "flow9", Plan: Flow9Plan(flow9Clients)) }.Where(p => part == "all" || part == p.Part);
                await Cluster(size, nodes.Split(','), options.Required("database"), Pids(options.String("pids", "")), options.String("db-pid", ""),
                    plans.Select(p => p.Plan).ToList(), table);
            }
            else
            {
                if (part is "all" or "e2e") ratio = await EndToEnd(size, hostDll, payload, table);
                if (part is "all" or "flow9") await OneNode(size, hostDll, Flow9Plan(flow9Clients), table);
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
        // Issue #12: commands/s of the mix ÷ the framework limit (events/s ÷ limit is a row of the table, informative).
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
            Progress("node journal limit");
            using (var nodeJournalDir = new TempDir("node-journal"))
            {
                var nodeJournal = await FrameworkLimit.MeasureAsync(nodeJournalDir.Path, size.Clients, payload, TimeSpan.FromSeconds(3), limit,
                    journal: FrameworkLimit.Journal.Node);
                table.Row($"node journal limit (the same, through the node's SqliteJournal)", $"{nodeJournal:F0} events/s", "", "", Machine.LoadAverage());
            }
            Progress("database limit");
            var connectionString = new KuaSheng.Actors.Hosting.KuaShengOptions { DataDir = dir.Path }.SqliteConnectionString();
            var database = await DatabaseLimit.MeasureAsync(connectionString, payload, 100, TimeSpan.FromSeconds(2), limit);
            table.Row($"database limit (batches of 100 {payload} B rows, one writer, synchronous={await DatabaseLimit.SynchronousAsync(connectionString)})", $"{database:F0} rows/s", "", "", Machine.LoadAverage());

            Progress("end to end: node start");
            await using var host = await HostProcess.StartAsync(hostDll, dir.Path);
            await using var watch = new JournalWatch(dir.Db);
            var flows = await CaseFlows.ConnectAsync(host.BaseUrl);
            var peak = await Load(Mix(size.Clients), size, flows, watch, new CpuMeter([host.Pid]), table);
            table.Row("average case event payload B", $"{watch.AverageCaseEventBytes():F0}", "", "", "");
            var events = peak.JournalEventsPerSecond / framework;
            table.Row("events/s reaching the journal ÷ framework limit (informative: more events per command raise it)", $"{events:P0}", "", "", Machine.LoadAverage());
            var ratio = peak.CommandsPerSecond / framework;
            table.Row("commands/s ÷ framework limit", $"{ratio:P0}", "≥ 50%", Met(ratio >= 0.5), Machine.LoadAverage());
            return ratio;
        }
    }

    /// <summary>A plan alone on a node of its own (a fresh SQLite file).</summary>
    private static async Task OneNode(Sizes size, string hostDll, LoadPlan plan, Table table)
    {
        using var dir = new TempDir("flows");
        Progress($"{plan.Prefix}node start");
        await using var host = await HostProcess.StartAsync(hostDll, dir.Path);
        await using var watch = new JournalWatch(dir.Db);
        var flows = await CaseFlows.ConnectAsync(host.BaseUrl);
        await Load(plan, size, flows, watch, new CpuMeter([host.Pid]), table);
    }

    /// <summary>Nodes already running (one cluster; the caller started them): the plans' closed and open loops with
    /// requests spread over the nodes in turn, rows and projection lag from their database. No limits (they are
    /// measured on this machine's SQLite), so no ratio; CPU only for the processes given (--pids: the nodes, --db-pid:
    /// the PostgreSQL postmaster, counted with its backends).</summary>
    private static async Task Cluster(Sizes size, IReadOnlyList<string> nodes, string database, IReadOnlyList<int> pids, string dbPid,
        IReadOnlyList<LoadPlan> plans, Table table)
    {
        Progress($"end to end on {nodes.Count} nodes: {string.Join(", ", nodes)}");
        await using var watch = JournalWatch.For(database);
        if (watch.Durability() is { } durability) table.Row("PostgreSQL settings", durability, "", "", Machine.LoadAverage());
        var flows = await CaseFlows.ConnectAsync([.. nodes]);
        var cpu = new CpuMeter(pids, dbPid.Length > 0 ? int.Parse(dbPid, CultureInfo.InvariantCulture) : null);
        foreach (var plan in plans) await Load(plan, size, flows, watch, cpu, table);
        if (cpu.NodeCount > 0) await IdleRowAsync(cpu, TimeSpan.FromSeconds(5), table);
    }

    private static Task<LoadResult> Load(LoadPlan plan, Sizes size, CaseFlows flows, JournalWatch watch, CpuMeter cpu, Table table) =>
        RunAsync(plan, size.Windows, flows, watch, cpu, table);

    private static List<int> Pids(string pids) =>
        pids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();

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

    internal static void Progress(string step) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {step} (load {Machine.LoadAverage()})");
}
