using System.Collections.Concurrent;
using System.Diagnostics;

namespace KuaSheng.Bench.Suite;

/// <summary>What one load phase gave: commands and flows completed in the measured window, latencies of the commands
/// sent in it (ms), failures, the journal before and after the window, and the CPU the processes under test used in it.
/// A closed loop also counts the durable rows written from its start until the journal settled after it
/// (<see cref="Rows"/>) and all the commands answered in that time, warm-up included (<see cref="AllCommands"/>).</summary>
internal sealed record LoadResult(double Seconds, long Commands, long Flows, long Failed, IReadOnlyList<double> LatenciesMs,
    JournalWatch.Mark Before, JournalWatch.Mark After, IReadOnlyList<double> LagsMs, int MaxInFlight, CpuSample Cpu)
{
    public JournalRows? Rows { get; init; }
    public long AllCommands { get; init; }

    /// <summary>Commands answered per second during the warm-up before the window (closed loop): on a fresh node, while
    /// the runtime still compiles and re-compiles its hot code.</summary>
    public double WarmupCommandsPerSecond { get; init; }

    /// <summary>The nodes' CPU time in the window per command answered in it (their background work included).</summary>
    public double NodeCpuMsPerCommand => Cpu.AllNodes.TotalMilliseconds / Commands;

    /// <summary>Each node's CPU time in the window per command answered in it (by all nodes).</summary>
    public IEnumerable<double> CpuMsPerCommandByNode => Cpu.Nodes.Select(node => node.TotalMilliseconds / Commands);

    /// <summary>The database server's CPU time in the window per command, when it was measured.</summary>
    public double? DatabaseCpuMsPerCommand => Cpu.Database?.TotalMilliseconds / Commands;

    /// <summary>The load generator's (this process's) CPU time in the window per command.</summary>
    public double LoadGeneratorCpuMsPerCommand => Cpu.LoadGenerator.TotalMilliseconds / Commands;

    public double CommandsPerSecond => Commands / Seconds;
    public double FlowsPerSecond => Flows / Seconds;
    public double JournalEventsPerSecond => (After.Ordering - Before.Ordering) / Seconds;
    public double CaseEventsPerSecond => (After.CaseEvents - Before.CaseEvents) / Seconds;

    /// <summary>PostgreSQL's commits and WAL syncs in the window per command (null on SQLite).</summary>
    public (double Commits, double WalSyncs)? DatabaseWritesPerCommand =>
        After.Commits - Before.Commits is { } commits && After.WalSyncs - Before.WalSyncs is { } syncs
            ? (commits / (double)Commands, syncs / (double)Commands) : null;
}

/// <summary>The two loads of the end-to-end run: closed loop (N clients, each drives flows back to back: saturation)
/// and open loop (commands at a constant arrival rate, latency from the scheduled send time).</summary>
internal static class HttpLoad
{
    /// <summary><paramref name="clients"/> clients each run flows one after another; counted after the warm-up.</summary>
    public static async Task<LoadResult> ClosedAsync(CaseFlows flows, JournalWatch watch, CpuMeter cpuMeter, int clients, TimeSpan warmup, TimeSpan measure)
    {
        var counting = false;
        long commands = 0, done = 0, failed = 0, answered = 0;
        var rowsBefore = watch.Rows();
        var latencies = new ConcurrentBag<double>();
        var stopAt = Stopwatch.GetTimestamp() + (long)((warmup + measure).TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var flow = flows.Start();
                while (!flow.Done && Stopwatch.GetTimestamp() < stopAt)
                {
                    var t = Stopwatch.GetTimestamp();
                    var ok = await flows.StepAsync(flow);
                    if (ok) Interlocked.Increment(ref answered);
                    if (!Volatile.Read(ref counting) || Stopwatch.GetTimestamp() >= stopAt) continue;
                    latencies.Add(Stats.Elapsed(t));
                    if (!ok) { Interlocked.Increment(ref failed); break; }
                    Interlocked.Increment(ref commands);
                    if (flow.Done) Interlocked.Increment(ref done);
                }
            }
        })).ToList();
        await Task.Delay(warmup);
        var warmedUp = Interlocked.Read(ref answered);
        watch.StartSampling();
        var before = watch.Now();
        var cpu = cpuMeter.Sample();
        Volatile.Write(ref counting, true);
        await Task.Delay(measure);
        Volatile.Write(ref counting, false);
        var after = watch.Now();
        var used = cpuMeter.Sample().Since(cpu);
        var lags = watch.Lags;
        await Task.WhenAll(workers);
        await watch.SettledAsync();
        return new LoadResult(Stopwatch.GetElapsedTime(before.At, after.At).TotalSeconds, commands, done, failed, latencies.ToList(), before, after,
            lags, clients, used) { Rows = watch.Rows().Since(rowsBefore), AllCommands = answered, WarmupCommandsPerSecond = warmedUp / warmup.TotalSeconds };
    }

    /// <summary>
    /// Commands at <paramref name="rate"/> per second, on a fixed schedule: slot i is due at start + i / rate whatever
    /// the answers do (no coordinated omission). A slot sends the next step of a flow whose previous step has been
    /// answered, else starts a new flow, so there is always something to send. Latency = answer time − due time.
    /// </summary>
    public static async Task<LoadResult> OpenAsync(CaseFlows flows, JournalWatch watch, CpuMeter cpuMeter, double rate, TimeSpan warmup, TimeSpan measure)
    {
        var ready = new ConcurrentQueue<CaseFlow>();
        var latencies = new ConcurrentBag<double>();
        long commands = 0, done = 0, failed = 0;
        var inFlight = 0;
        var maxInFlight = 0;
        var pending = new ConcurrentDictionary<Task, byte>();
        var start = Stopwatch.GetTimestamp();
        var total = (long)(rate * (warmup + measure).TotalSeconds);
        var firstMeasured = (long)(rate * warmup.TotalSeconds);
        JournalWatch.Mark? before = null;
        CpuSample? cpu = null;

        for (long i = 0; i < total; i++)
        {
            var due = start + (long)(i / rate * Stopwatch.Frequency);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > Stopwatch.Frequency / 1000) await Task.Delay(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
            if (i == firstMeasured)
            {
                watch.StartSampling();
                before = watch.Now();
                cpu = cpuMeter.Sample();
            }
            var measured = i >= firstMeasured;
            var flow = ready.TryDequeue(out var f) ? f : flows.Start();
            var current = Interlocked.Increment(ref inFlight);
            if (current > maxInFlight) maxInFlight = current;
            var task = Task.Run(async () =>
            {
                var ok = await flows.StepAsync(flow);
                var latency = Stats.Elapsed(due);
                Interlocked.Decrement(ref inFlight);
                if (measured)
                {
                    latencies.Add(latency);
                    if (!ok) Interlocked.Increment(ref failed);
                    else Interlocked.Increment(ref commands);
                    if (ok && flow.Done) Interlocked.Increment(ref done);
                }
                if (ok && !flow.Done) ready.Enqueue(flow);
            });
            pending[task] = 0;
            _ = task.ContinueWith(t => pending.TryRemove(t, out _), TaskScheduler.Default);
        }
        var after = watch.Now();
        var lags = watch.Lags;
        await Task.WhenAll(pending.Keys.ToList());
        var used = cpuMeter.Sample().Since(cpu!);
        // Commands counted are those due in the window; their answers may come a little after it.
        var seconds = measure.TotalSeconds;
        return new LoadResult(seconds, commands, done, failed, latencies.ToList(), before!, after, lags, maxInFlight, used);
    }
}
