namespace KuaSheng.Bench.Suite;

/// <summary>What a load part drives and the targets it is held to. <paramref name="Prefix"/> starts its rows' names
/// (empty for the mix, whose rows keep the names earlier runs were quoted with); <paramref name="PerCommandTargets"/>:
/// whether node CPU and journal rows per command are held to issue #12's targets (the mix's).</summary>
internal sealed record LoadPlan(string Prefix, string[] Modes, string FlowsName, int Clients, double? CommandsTarget, double FlowsTarget,
    bool PerCommandTargets);

/// <summary>How long each loop runs, and the open loop's rate when it is fixed (<c>--open-rate</c>: the same rate for
/// runs whose peaks differ, such as 1, 2 and 3 nodes) rather than 70% of the closed loop's peak.</summary>
internal sealed record LoadWindows(TimeSpan ClosedWarmup, TimeSpan Closed, TimeSpan OpenWarmup, TimeSpan Open, double? OpenRate);

/// <summary>The closed loop to saturation, then the open loop at 70% of its rate (or a fixed rate), written into the suite's table.</summary>
internal static class LoadReport
{
    public const double CpuMsPerCommandTarget = 1.0;
    public const double RowsPerCommandTarget = 1.5;

    public static async Task<LoadResult> RunAsync(LoadPlan plan, LoadWindows windows, CaseFlows flows, JournalWatch watch, CpuMeter cpu, Table table)
    {
        flows.Driving(plan.Modes);
        var p = plan.Prefix;
        SuiteBench.Progress($"{p}closed loop, {plan.Clients} clients");
        var resentBefore = flows.Resent;
        var peak = await HttpLoad.ClosedAsync(flows, watch, cpu, plan.Clients, windows.ClosedWarmup, windows.Closed);
        var load = Machine.LoadAverage();
        table.Row($"{p}commands/s at saturation ({plan.Clients} clients, closed loop)", $"{peak.CommandsPerSecond:F0}",
            plan.CommandsTarget is { } c ? $"≥ {c:F0}" : "", plan.CommandsTarget is { } t ? Met(peak.CommandsPerSecond >= t) : "", load);
        table.Row($"{p}{plan.FlowsName}", $"{peak.FlowsPerSecond:F1}", $"≥ {plan.FlowsTarget:F0}", Met(peak.FlowsPerSecond >= plan.FlowsTarget), load);
        table.Row($"{p}commands/s during the closed loop's {windows.ClosedWarmup.TotalSeconds:F0} s warm-up (a fresh node compiles its hot code meanwhile)",
            $"{peak.WarmupCommandsPerSecond:F0}", "", "", load);
        table.Row($"{p}events/s reaching the journal at saturation (all / case events)", $"{peak.JournalEventsPerSecond:F0} / {peak.CaseEventsPerSecond:F0}", "", "", load);
        if (peak.Rows is { } rows)
        {
            var perCommand = rows.Total / (double)Math.Max(1, peak.AllCommands);
            var (target, met) = Target($"≤ {RowsPerCommandTarget}", perCommand <= RowsPerCommandTarget, plan.PerCommandTargets);
            table.Row($"{p}durable rows per command in the closed loop (counted in the database: journal, tags, idempotency, snapshots)",
                rows.PerCommand(peak.AllCommands), target, met, load);
        }
        if (peak.DatabaseWritesPerCommand is var (commits, syncs))
            table.Row($"{p}PostgreSQL commits / WAL syncs per command at saturation (a sync serves the commits it groups)", $"{commits:F2} / {syncs:F2}", "", "", load);
        table.Row($"{p}closed-loop latency p50 / p99 ms", $"{Stats.Ms(Stats.Percentile(peak.LatenciesMs, 50))} / {Stats.Ms(Stats.Percentile(peak.LatenciesMs, 99))}", "", "", load);
        table.Row($"{p}projection lag p99 at saturation ms", Stats.Ms(Stats.Percentile(peak.LagsMs, 99)), "≤ 1000", Met(Stats.Percentile(peak.LagsMs, 99) <= 1000), load);

        var rate = windows.OpenRate ?? Math.Max(1, Math.Round(peak.CommandsPerSecond * 0.7));
        var at = windows.OpenRate is null ? "at 70% of peak" : "at a fixed rate";
        SuiteBench.Progress($"{p}open loop, {rate} commands/s");
        var open = await HttpLoad.OpenAsync(flows, watch, cpu, rate, windows.OpenWarmup, windows.Open);
        load = Machine.LoadAverage();
        var p99 = Stats.Percentile(open.LatenciesMs, 99);
        table.Row($"{p}open loop {at}: {rate} commands/s offered, answered/s", $"{open.CommandsPerSecond:F0} (max {open.MaxInFlight} in flight)", "", "", load);
        table.Row($"{p}latency p50 / p95 / p99 ms (from the scheduled send)",
            $"{Stats.Ms(Stats.Percentile(open.LatenciesMs, 50))} / {Stats.Ms(Stats.Percentile(open.LatenciesMs, 95))} / {Stats.Ms(p99)}", "p99 ≤ 50", Met(p99 <= 50), load);
        table.Row($"{p}events/s reaching the journal in the open loop (all / case events)", $"{open.JournalEventsPerSecond:F0} / {open.CaseEventsPerSecond:F0}", "", "", load);
        var lag = Stats.Percentile(open.LagsMs, 99);
        table.Row($"{p}projection lag p99 in the open loop ms", Stats.Ms(lag), "≤ 1000", Met(lag <= 1000), load);
        CpuRows(p, plan, peak, open, cpu, table, load);
        if (flows.Resent - resentBefore is > 0 and var resent)
            table.Row($"{p}steps sent again (the case had not taken the carrier's signed report yet)", resent, "", "", load);
        table.Row($"{p}failed commands (saturation / open loop)", $"{peak.Failed} / {open.Failed}", "0", Met(peak.Failed + open.Failed == 0), load);
        foreach (var (failure, count) in flows.Failures) Console.WriteLine($"failed: {count} × {failure}");
        flows.Failures.Clear();
        return peak;
    }

    /// <summary>CPU per command: all nodes together, then (several nodes) each node, then the database server and the
    /// load generator.</summary>
    private static void CpuRows(string p, LoadPlan plan, LoadResult peak, LoadResult open, CpuMeter cpu, Table table, string load)
    {
        if (cpu.NodeCount == 0) return;
        var nodes = cpu.NodeCount == 1 ? "node" : $"{cpu.NodeCount} nodes'";
        var (target, met) = Target($"≤ {CpuMsPerCommandTarget:F1} at saturation", peak.NodeCpuMsPerCommand <= CpuMsPerCommandTarget, plan.PerCommandTargets);
        table.Row($"{p}{nodes} CPU per command at saturation / in the open loop ms (includes background work)", $"{peak.NodeCpuMsPerCommand:F2} / {open.NodeCpuMsPerCommand:F2}",
            target, met, load);
        if (cpu.NodeCount > 1)
            table.Row($"{p}CPU per command of each node at saturation / in the open loop ms",
                string.Join("; ", peak.CpuMsPerCommandByNode.Zip(open.CpuMsPerCommandByNode, (s, o) => $"{s:F2} / {o:F2}")), "", "", load);
        if (peak.DatabaseCpuMsPerCommand is { } database)
            table.Row($"{p}database server CPU per command at saturation / in the open loop ms", $"{database:F2} / {open.DatabaseCpuMsPerCommand:F2}", "", "", load);
        table.Row($"{p}load generator CPU per command at saturation / in the open loop ms (this machine's CPU it takes)",
            $"{peak.LoadGeneratorCpuMsPerCommand:F2} / {open.LoadGeneratorCpuMsPerCommand:F2}", "", "", load);
        table.Row($"{p}other work on the machine (not nodes, database, load generator), share of its cores at saturation / in the open loop",
            $"{peak.Cpu.OtherWorkShare:P0} / {open.Cpu.OtherWorkShare:P0}", "", "", load);
    }

    /// <summary>The CPU the processes take with no requests at all (cluster gossip, timers, the projection's polling),
    /// as a share of one core each: the fixed cost that the CPU per command includes. Measured after the loads, once
    /// quiet for 3 s (a node just started compiles for some 15 s after it is ready: 50-70% of a core).</summary>
    public static async Task IdleRowAsync(CpuMeter cpu, TimeSpan window, Table table)
    {
        SuiteBench.Progress($"idle CPU, {window.TotalSeconds:F0} s");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = cpu.Sample();
        await Task.Delay(window);
        var idle = cpu.Sample().Since(before);
        string Share(TimeSpan used) => $"{used / idle.Wall:P0}";
        var database = idle.Database is { } d ? $"; database server {Share(d)}" : "";
        table.Row($"idle CPU after the loads, no requests ({window.TotalSeconds:F0} s), share of one core: each node; database server",
            string.Join(" / ", idle.Nodes.Select(Share)) + database, "", "", Machine.LoadAverage());
    }

    /// <summary>The target's cells, empty (informative row) where the plan is not held to it.</summary>
    private static (string Target, string Met) Target(string target, bool met, bool applies) => applies ? (target, Met(met)) : ("", "");

    public static string Met(bool met) => met ? "yes" : "NO";
}
