using System.Diagnostics;
using System.Runtime;
using Akka.Actor;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Units;

namespace KuaSheng.Bench;

/// <summary>
/// Memory of idle case entities. Each run is a process of its own: start a node, measure, create N cases (submit only,
/// a bounded number in flight), measure with every case still alive (PassivateAfter = 1 h), and in a second run with
/// PassivateAfter short, wait until the cases have passivated and measure again. "Measure" = full blocking compacting
/// GC twice with finalizers run, then VmRSS and the managed heap.
/// </summary>
internal static class IdleMemoryBench
{
    public sealed record Sample(string Label, long RssBytes, long HeapBytes, long CommittedBytes, int LiveCases, int UnitViews, double AtSeconds);

    public sealed record IdleResult(double CreateSeconds, List<Sample> Samples, int Failed);

    public static async Task<int> Run(Args options)
    {
        var count = options.Int("count", 10_000);
        var inFlight = options.Int("in-flight", 64);
        var passivateShort = options.Int("passivate-short", 5);
        Machine.Print("idle-memory", options.Echo());
        Console.WriteLine($"{count} cases submitted ({inFlight} in flight), each run in a process of its own; bytes per case = (after - before) / cases alive.");
        Console.WriteLine();

        var table = new Table("run", "moment", "live cases", "unit views", "RSS MiB", "GC heap MiB", "GC committed MiB", "Δ RSS / case B", "Δ heap / case B");
        foreach (var (label, passivate, wait) in new[] { ("PassivateAfter=1h", 3600, 0), ($"PassivateAfter={passivateShort}s", passivateShort, 1) })
        {
            using var dir = new TempDir("idle");
            var r = await KuaSheng.Bench.Child.Run<IdleResult>("_idle", "--dir", dir.Path, "--count", $"{count}", "--in-flight", $"{inFlight}",
                "--passivate-after", $"{passivate}", "--wait", $"{wait}");
            var before = r.Samples[0];
            foreach (var s in r.Samples)
            {
                var perRss = s == before ? "" : $"{(s.RssBytes - before.RssBytes) / (double)count:F0}";
                var perHeap = s == before ? "" : $"{(s.HeapBytes - before.HeapBytes) / (double)count:F0}";
                table.Row(label, s.Label, s.LiveCases, s.UnitViews, Stats.Mib(s.RssBytes), Stats.Mib(s.HeapBytes), Stats.Mib(s.CommittedBytes), perRss, perHeap);
            }
            Console.WriteLine($"{label}: created {count} cases in {r.CreateSeconds:F1} s ({count / r.CreateSeconds:F0}/s), {r.Failed} failed.");
        }
        Console.WriteLine();
        table.Print("Memory (Δ per case is divided by all cases created, alive or not):");
        return 0;
    }

    public static async Task<int> RunChild(Args options)
    {
        var dir = options.Required("dir");
        var count = options.Int("count", 10_000);
        var inFlight = options.Int("in-flight", 64);
        var passivateAfter = TimeSpan.FromSeconds(options.Int("passivate-after", 3600));
        var wait = options.Int("wait", 0) != 0;
        var clock = Stopwatch.StartNew();
        var samples = new List<Sample>();
        await using var node = await BenchNode.StartAsync(dir, o => o.PassivateAfter = passivateAfter, Workload.Monday);
        var region = node.Region<CaseRegion>();

        async Task Measure(string label)
        {
            var (rss, heap, committed) = FullGc();
            var views = 0;
            foreach (var unit in new[] { "qj-window", "qj-notary" })
            {
                var worklist = await node.Region<UnitRegion>().Ask<Worklist>(new GetWorklist(unit), TimeSpan.FromSeconds(30));
                views += worklist.Deadlines.Select(d => d.CaseId).Union(worklist.Legs.Select(l => l.CaseId)).Count();
            }
            samples.Add(new Sample(label, rss, heap, committed, await node.LiveEntities<CaseRegion>(), views, clock.Elapsed.TotalSeconds));
        }

        // Warm the paths once (JIT, shard start, connection pool) with a case that is not counted, then the baseline.
        await Workload.Send(region, "warm", "1", Workload.Submission("warm"), TimeSpan.FromSeconds(30));
        await Task.Delay(1000);
        await Measure("before");

        var failed = 0;
        var create = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(inFlight))
        {
            var tasks = Enumerable.Range(0, count).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var id = $"idle{i:D6}";
                    await Workload.Send(region, id, "submit", Workload.Submission(id), TimeSpan.FromSeconds(60));
                }
                catch (Exception) { Interlocked.Increment(ref failed); }
                finally { gate.Release(); }
            }).ToList();
            await Task.WhenAll(tasks);
        }
        var createSeconds = create.Elapsed.TotalSeconds;
        await Measure("after create");

        if (wait)
        {
            // Until every case has passivated (at most PassivateAfter + 60 s), then a few seconds for the stops to finish.
            var until = DateTime.UtcNow + passivateAfter + TimeSpan.FromSeconds(60);
            while (await node.LiveEntities<CaseRegion>() > 0 && DateTime.UtcNow < until) await Task.Delay(1000);
            await Task.Delay(3000);
            await Measure("after passivation");
        }
        // --hold N: stay up N seconds after the last sample (time to take a heap dump: dotnet-gcdump collect -p PID).
        if (options.Int("hold", 0) is > 0 and var hold)
        {
            Console.Error.WriteLine($"holding {hold} s, pid {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(hold));
        }
        return await KuaSheng.Bench.Child.Write(options, new IdleResult(createSeconds, samples, failed));
    }

    private static (long Rss, long Heap, long Committed) FullGc()
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        return (Machine.Rss(), heap, GC.GetGCMemoryInfo().TotalCommittedBytes);
    }
}
