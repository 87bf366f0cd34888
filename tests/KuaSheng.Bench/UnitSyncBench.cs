using System.Diagnostics;
using Akka.Actor;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Units;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;

namespace KuaSheng.Bench;

/// <summary>
/// One unit taking views of new open cases (what a window receiving cases all day does): syncs/s in each tenth of the
/// run, as the unit grows to <c>--views</c> cases. Shows what the unit's snapshots cost as it grows (they hold every
/// view); the node's own wiring on a SQLite file.
/// </summary>
internal static class UnitSyncBench
{
    public static async Task<int> Run(Args options)
    {
        var views = options.Int("views", 50_000);
        var inFlight = options.Int("in-flight", 256);
        Machine.Print("unit-sync", options.Echo());
        using var dir = new TempDir("unit-sync");
        await using var node = await BenchNode.StartAsync(dir.Path, clock: Workload.Monday);
        var units = node.Region<UnitRegion>();
        var due = DateOnly.FromDateTime(Workload.Monday.DateTime).AddDays(10);

        Console.WriteLine($"| views held at end of tenth | syncs/s in that tenth |");
        Console.WriteLine($"|---------------------------:|----------------------:|");
        var total = Stopwatch.StartNew();
        var tenth = Math.Max(1, views / 10);
        for (var start = 0; start < views; start += tenth)
        {
            var watch = Stopwatch.StartNew();
            using var gate = new SemaphoreSlim(inFlight);
            var tasks = Enumerable.Range(start, Math.Min(tenth, views - start)).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var view = new SyncCaseToUnit("qj-window", $"u{i:D7}", 3, "QJ-001", CaseStatus.Forwarded, false,
                        [new UnitLeg("leg1", LegRole.Home, LegStatus.Forwarded)],
                        [new UnitDeadline("dl1", DeadlineStep.Forwarding, "leg1", due, false, false)]);
                    await units.Ask<CaseSyncAck>(view, TimeSpan.FromSeconds(120));
                }
                finally { gate.Release(); }
            }).ToList();
            await Task.WhenAll(tasks);
            var count = tasks.Count;
            Console.WriteLine($"| {start + count,26:N0} | {count / watch.Elapsed.TotalSeconds,21:N0} |");
        }
        Console.WriteLine($"{views:N0} views in {total.Elapsed.TotalSeconds:F1} s ({views / total.Elapsed.TotalSeconds:N0} syncs/s); db {Stats.Mib(new FileInfo(dir.Db).Length)} MiB");
        return 0;
    }
}
