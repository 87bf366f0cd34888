using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Units;
using KuaSheng.Domain.Cases;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Bench;

/// <summary>
/// Steady load (loops that each submit a case and pass its form review, a new case each time), and midway the
/// SQLite database stops taking writes for a while, then takes them again. Per second: answers by kind. Afterwards,
/// without restarting: every case is read back and compared with what its answers said, and every command that was
/// not answered "done" is sent again with the same command id.
/// Two ways to stop writes: <c>readonly</c> sets the immutable attribute (chattr +i) on the database, -wal and -shm
/// files — root's writes then fail with EPERM, even on descriptors opened before; <c>lock</c> holds SQLite's write
/// lock from another connection (BEGIN IMMEDIATE), so writers wait for the busy timeout and get "database is locked".
/// </summary>
internal static class ReadOnlyBench
{
    private enum Outcome { Success, Refused, Unavailable, Timeout, Exception }

    private sealed record Attempt(string CaseId, string Op, Outcome Outcome, double StartS, double EndS, CaseState? State, string? Detail)
    {
        public double Ms => (EndS - StartS) * 1000;
    }

    public static async Task<int> Run(Args options)
    {
        Machine.Print("readonly-under-load", options.Echo());
        var mode = options.String("mode", "both");
        var modes = mode == "both" ? new[] { "readonly", "lock" } : [mode];
        foreach (var m in modes) await RunMode(m, options);
        return 0;
    }

    private static async Task RunMode(string mode, Args options)
    {
        var seconds = options.Int("seconds", 20);
        var loops = options.Int("loops", 50);
        var faultAt = options.Double("fault-at", seconds / 4.0);
        var faultFor = options.Double("fault-for", seconds * 0.4);
        var askTimeout = TimeSpan.FromSeconds(options.Double("ask-timeout", 15));
        var tail = options.Int("tail", 60);
        var busyTimeout = options.Int("busy-timeout", 30);

        using var dir = new TempDir("readonly");
        await using IFault fault = mode switch
        {
            "readonly" => new ImmutableFiles(dir.Db),
            "lock" => new WriteLock(dir.Db, busyTimeout),
            _ => throw new ArgumentException($"--mode {mode}: readonly, lock or both"),
        };
        Console.WriteLine($"## mode {mode}: {fault.Description}");
        Console.WriteLine($"{loops} loops (submit a new case, then pass its form review; after an answer other than done a loop waits 100 ms), "
                          + $"{seconds} s, writes stopped from {faultAt:F1} s for {faultFor:F1} s; Ask timeout {askTimeout.TotalSeconds:F0} s; "
                          + $"SQLite busy timeout {busyTimeout} s (Default Timeout of the connection string).");

        await using var node = await BenchNode.StartAsync(dir.Path, o =>
            o.ConnectionString = $"Data Source={dir.Db};Pooling=True;Default Timeout={busyTimeout}", Workload.Monday);
        var region = node.Region<CaseRegion>();
        // Warm-up (JIT, shards, pool) not counted.
        await Task.WhenAll(Enumerable.Range(0, loops).Select(i => Workload.Send(region, $"warm{i}", "submit", Workload.Submission($"warm{i}"), TimeSpan.FromSeconds(30))));
        LogTally.Reset();

        var attempts = new ConcurrentQueue<Attempt>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();

        async Task<bool> Try(string caseId, string op, CaseCommand command)
        {
            var start = clock.Elapsed.TotalSeconds;
            Outcome outcome;
            CaseState? state = null;
            string? detail = null;
            try
            {
                var answer = await region.Ask<object>(new CaseRequest(caseId, op, command), askTimeout);
                (outcome, state, detail) = answer switch
                {
                    CaseReply { Refusal: null } r => (Outcome.Success, r.State, r.Duplicate ? "duplicate" : null),
                    CaseReply r => (Outcome.Refused, null, r.Refusal!.Message),
                    CaseUnavailable u => (Outcome.Unavailable, null, u.Reason),
                    _ => (Outcome.Exception, null, answer.GetType().Name),
                };
            }
            catch (AskTimeoutException) { outcome = Outcome.Timeout; }
            catch (Exception e) { outcome = Outcome.Exception; detail = e.GetType().Name + ": " + e.Message; }
            attempts.Enqueue(new Attempt(caseId, op, outcome, start, clock.Elapsed.TotalSeconds, state, detail));
            return outcome == Outcome.Success;
        }

        async Task Loop(int loop)
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var caseId = $"ro{loop:D2}x{n:D5}";
                var ok = await Try(caseId, "submit", Workload.Submission(caseId)) && await Try(caseId, "review", Workload.PassForm());
                if (!ok) await Task.Delay(100);
            }
        }

        var workers = Enumerable.Range(0, loops).Select(i => Task.Run(() => Loop(i))).ToList();
        await DelayUntil(clock, faultAt);
        var applied = clock.Elapsed.TotalSeconds;
        await fault.Apply();
        var appliedDone = clock.Elapsed.TotalSeconds;
        await DelayUntil(clock, faultAt + faultFor);
        var cleared = clock.Elapsed.TotalSeconds;
        await fault.Clear();
        var clearedDone = clock.Elapsed.TotalSeconds;
        await DelayUntil(clock, seconds);

        // Past the planned end, keep the load on until successes are back at half the pre-fault rate for 3 s (or the tail ends).
        var baseline = attempts.Count(a => a.Outcome == Outcome.Success && a.EndS >= 1 && a.EndS < Math.Floor(applied)) / Math.Max(1, Math.Floor(applied) - 1);
        double? sustainedAt = null;
        while (true)
        {
            var now = clock.Elapsed.TotalSeconds;
            sustainedAt = SustainedSince(attempts, cleared, now, baseline);
            if (sustainedAt is not null && now >= seconds || now > seconds + tail) break;
            await Task.Delay(500);
        }
        stop.Cancel();
        await Task.WhenAll(workers);
        var end = clock.Elapsed.TotalSeconds;

        var all = attempts.ToList();
        PrintPerSecond(all, applied, cleared, end);
        var firstFailure = all.Where(a => a.Outcome != Outcome.Success && a.EndS >= applied).Select(a => a.EndS).DefaultIfEmpty(double.NaN).Min();
        var firstSuccessAfter = all.Where(a => a.Outcome == Outcome.Success && a.StartS >= clearedDone).Select(a => a.EndS).DefaultIfEmpty(double.NaN).Min();
        var lastFailure = all.Where(a => a.Outcome != Outcome.Success).Select(a => a.EndS).DefaultIfEmpty(double.NaN).Max();
        new Table("event", "at s", "note")
            .Row("writes stopped", $"{applied:F2}", $"{fault.Description} (took {(appliedDone - applied) * 1000:F0} ms)")
            .Row("first answer other than done", F(firstFailure), "")
            .Row("writes allowed again", $"{cleared:F2}", $"took {(clearedDone - cleared) * 1000:F0} ms")
            .Row("first done answer to a command sent after that", F(firstSuccessAfter), $"{firstSuccessAfter - clearedDone:F2} s after")
            .Row("successes back to ≥ 50% of before, 3 s running", sustainedAt is { } s2 ? $"{s2:F2}" : "never", $"pre-fault rate {baseline:F0} done/s")
            .Row("last answer other than done", F(lastFailure), "")
            .Row("load stopped", $"{end:F2}", "")
            .Print("Timeline:");
        PrintLatencies(all, applied, cleared);
        PrintLog();
        await Verify(node, region, all, askTimeout);
        Console.WriteLine();
    }

    private static string F(double at) => double.IsNaN(at) ? "-" : $"{at:F2}";

    private static async Task DelayUntil(Stopwatch clock, double at)
    {
        var left = at - clock.Elapsed.TotalSeconds;
        if (left > 0) await Task.Delay(TimeSpan.FromSeconds(left));
    }

    /// <summary>The start of the first 3 whole seconds after <paramref name="after"/> each with at least half the baseline successes.</summary>
    private static double? SustainedSince(IEnumerable<Attempt> attempts, double after, double now, double baseline)
    {
        var perSecond = attempts.Where(a => a.Outcome == Outcome.Success && a.EndS >= Math.Ceiling(after))
            .GroupBy(a => (int)a.EndS).ToDictionary(g => g.Key, g => g.Count());
        var run = 0;
        for (var s = (int)Math.Ceiling(after); s + 1 <= now; s++)
        {
            run = perSecond.GetValueOrDefault(s) >= baseline / 2 ? run + 1 : 0;
            if (run == 3) return s - 2;
        }
        return null;
    }

    private static void PrintPerSecond(List<Attempt> all, double applied, double cleared, double end)
    {
        var table = new Table("second", "writes", "sent", "done", "refused", "unavailable", "ask timeout", "exception", "p50 ms", "max ms");
        for (var s = 0; s <= (int)end; s++)
        {
            var done = all.Where(a => (int)a.EndS == s).ToList();
            var sent = all.Count(a => (int)a.StartS == s);
            var stopped = s + 1 > applied && s < cleared ? "STOPPED" : "";
            var ms = done.Select(a => a.Ms).ToList();
            table.Row(s, stopped, sent, Count(done, Outcome.Success), Count(done, Outcome.Refused), Count(done, Outcome.Unavailable),
                Count(done, Outcome.Timeout), Count(done, Outcome.Exception), Stats.Ms(Stats.Percentile(ms, 50)), Stats.Ms(ms.DefaultIfEmpty(double.NaN).Max()));
        }
        table.Print("Answers per second (counted in the second the answer came; an Ask timeout counts when it fired):");
    }

    private static int Count(IEnumerable<Attempt> attempts, Outcome outcome) => attempts.Count(a => a.Outcome == outcome);

    private static void PrintLatencies(List<Attempt> all, double applied, double cleared)
    {
        var table = new Table("phase", "done", "unavailable", "timeout", "done p50 ms", "done p95 ms", "unavailable p50 ms", "unavailable max ms");
        foreach (var (label, from, to) in new[] { ("before", 0.0, applied), ("writes stopped", applied, cleared), ("after", cleared, double.MaxValue) })
        {
            var phase = all.Where(a => a.StartS >= from && a.StartS < to).ToList();
            var done = phase.Where(a => a.Outcome == Outcome.Success).Select(a => a.Ms).ToList();
            var unavailable = phase.Where(a => a.Outcome == Outcome.Unavailable).Select(a => a.Ms).ToList();
            table.Row(label, done.Count, unavailable.Count, Count(phase, Outcome.Timeout), Stats.Ms(Stats.Percentile(done, 50)), Stats.Ms(Stats.Percentile(done, 95)),
                Stats.Ms(Stats.Percentile(unavailable, 50)), Stats.Ms(unavailable.DefaultIfEmpty(double.NaN).Max()));
        }
        table.Print("By the phase in which the command was sent:");
        var details = all.Where(a => a.Outcome is Outcome.Refused or Outcome.Exception or Outcome.Unavailable)
            .GroupBy(a => $"{a.Outcome}: {a.Detail}").Select(g => $"  {g.Count(),6} × {g.Key}").ToList();
        if (details.Count > 0)
        {
            Console.WriteLine("Answers other than done, by text:");
            foreach (var d in details) Console.WriteLine(d);
            Console.WriteLine();
        }
    }

    private static void PrintLog()
    {
        var lines = LogTally.Snapshot();
        Console.WriteLine($"Akka warnings and errors during the load ({lines.Sum(l => l.Count)} in all; digits folded to #):");
        foreach (var (line, count) in lines.Take(40)) Console.WriteLine($"  {count,6} × {line}");
        if (lines.Count > 40) Console.WriteLine($"  … and {lines.Count - 40} more kinds");
        Console.WriteLine();
    }

    /// <summary>Reads every case back (no restart) and compares it with the answers; then re-sends, with the same command
    /// id, every command that was not answered "done".</summary>
    private static async Task Verify(BenchNode node, IActorRef region, List<Attempt> all, TimeSpan askTimeout)
    {
        await Task.Delay(2000);
        var byCase = all.GroupBy(a => a.CaseId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.StartS).ToList());
        var verdicts = new ConcurrentDictionary<string, int>();
        var examples = new ConcurrentDictionary<string, string>();
        var readMs = new ConcurrentBag<double>();
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(byCase.Select(async kv =>
        {
            await gate.WaitAsync();
            try
            {
                var (caseId, tries) = (kv.Key, kv.Value);
                var t = Stopwatch.GetTimestamp();
                object read;
                try { read = await region.Ask<object>(new GetCaseState(caseId), TimeSpan.FromSeconds(30)); }
                catch (AskTimeoutException) { read = "timeout"; }
                readMs.Add(Stats.Elapsed(t));
                var verdict = Judge(tries, read);
                verdicts.AddOrUpdate(verdict, 1, (_, n) => n + 1);
                examples.TryAdd(verdict, caseId);
            }
            finally { gate.Release(); }
        }));
        var table = new Table("answers of the case (in order)", "read back (no restart)", "cases", "example");
        foreach (var (verdict, count) in verdicts.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var parts = verdict.Split(" → ");
            table.Row(parts[0], parts[1], count, examples[verdict]);
        }
        table.Print($"Read-back of all {byCase.Count} cases after the load (GetCaseState; read p50 {Stats.Ms(Stats.Percentile(readMs.ToList(), 50))} ms, max {Stats.Ms(readMs.Max())} ms):");

        var retry = new ConcurrentDictionary<string, int>();
        var toRetry = all.Where(a => a.Outcome != Outcome.Success && a.Outcome != Outcome.Refused).ToList();
        await Task.WhenAll(toRetry.Select(async a =>
        {
            await gate.WaitAsync();
            try
            {
                CaseCommand command = a.Op == "submit" ? Workload.Submission(a.CaseId) : Workload.PassForm();
                string result;
                try
                {
                    result = await region.Ask<object>(new CaseRequest(a.CaseId, a.Op, command), askTimeout) switch
                    {
                        CaseReply { Refusal: null, Duplicate: true } => "done, duplicate: it had been applied",
                        CaseReply { Refusal: null } => "done, applied now",
                        CaseReply r => "refused: " + r.Refusal!.Code,
                        CaseUnavailable => "unavailable",
                        var other => other.GetType().Name,
                    };
                }
                catch (AskTimeoutException) { result = "ask timeout"; }
                retry.AddOrUpdate($"{a.Op} first answered {a.Outcome} → {result}", 1, (_, n) => n + 1);
            }
            finally { gate.Release(); }
        }));
        var retries = new Table("command (first answer)", "same command id sent again", "count");
        foreach (var (key, count) in retry.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var parts = key.Split(" → ");
            retries.Row(parts[0], parts[1], count);
        }
        retries.Print($"Retry of the {toRetry.Count} commands not answered done:");

        var units = Stopwatch.StartNew();
        var unitState = "answered";
        try { await node.Region<UnitRegion>().Ask<Worklist>(new GetWorklist("qj-window"), TimeSpan.FromSeconds(30)); }
        catch (AskTimeoutException) { unitState = "no answer in 30 s"; }
        Console.WriteLine($"Unit qj-window (its journal took a sync per case): GetWorklist {unitState} in {units.Elapsed.TotalMilliseconds:F0} ms.");
    }

    private static readonly JsonSerializerOptions Json = new();

    /// <summary>What the answers of a case imply for its state now, and whether the state read back agrees.</summary>
    private static string Judge(List<Attempt> tries, object read)
    {
        var answers = string.Join(", ", tries.Select(t => $"{t.Op} {t.Outcome.ToString().ToLowerInvariant()}"));
        var state = read switch
        {
            CaseReply { Refusal: null, State: { } s } => s,
            _ => null,
        };
        var found = read switch
        {
            CaseReply { State: not null } => true,
            CaseReply { Refusal.Code: var code } when code == RefusalCodes.NotFound => false,
            _ => (bool?)null,
        };
        if (found is null) return $"{answers} → NOT READABLE: {Describe(read)}";
        var lastDone = tries.LastOrDefault(t => t.Outcome == Outcome.Success);
        var afterDone = lastDone is null ? tries : tries.SkipWhile(t => t != lastDone).Skip(1).ToList();
        var ambiguous = afterDone.Any(t => t.Outcome is Outcome.Timeout or Outcome.Exception);
        // What the state must be: that of the last "done" answer (or no case at all), unless a later command was left
        // unanswered (timeout), in which case either is acceptable and we only say which.
        bool matchesLastDone = lastDone is null ? found == false : state is not null && JsonSerializer.Serialize(state, Json) == JsonSerializer.Serialize(lastDone.State, Json);
        if (matchesLastDone) return $"{answers} → as answered{(ambiguous ? " (unanswered command not applied)" : "")}";
        if (ambiguous) return $"{answers} → unanswered command was applied (v{state?.Version})";
        var unavailable = afterDone.Any(t => t.Outcome == Outcome.Unavailable);
        return unavailable
            ? $"{answers} → WRONG: applied although answered unavailable (v{state?.Version})"
            : $"{answers} → WRONG: differs from the answer (v{state?.Version} vs v{lastDone?.State?.Version})";
    }

    private static string Describe(object read) => read switch
    {
        CaseReply r => r.Refusal?.Code ?? "reply",
        CaseUnavailable u => "unavailable: " + u.Reason,
        string s => s,
        _ => read.GetType().Name,
    };

    private interface IFault : IAsyncDisposable
    {
        string Description { get; }
        Task Apply();
        Task Clear();
    }

    /// <summary>chattr +i on the database file and its -wal and -shm: for root too, open-for-write and write() on an
    /// already open descriptor fail with EPERM (the kernel checks the inode's immutable flag on every write).</summary>
    private sealed class ImmutableFiles(string db) : IFault
    {
        private bool _set;
        public string Description => "database made read-only: chattr +i on kuasheng.db, kuasheng.db-wal, kuasheng.db-shm";

        private IEnumerable<string> Files => new[] { db, db + "-wal", db + "-shm" }.Where(File.Exists);

        public Task Apply()
        {
            foreach (var file in Files)
            {
                var (code, output) = Shell.TryRun("chattr", $"+i {file}");
                if (code != 0) throw new InvalidOperationException($"chattr +i {file} failed ({code}): {output}");
            }
            _set = true;
            return Task.CompletedTask;
        }

        public Task Clear()
        {
            foreach (var file in Files) Shell.TryRun("chattr", $"-i {file}");
            _set = false;
            return Task.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            if (_set) await Clear();
        }
    }

    /// <summary>Another connection takes SQLite's write lock (BEGIN IMMEDIATE) and keeps it: writers get SQLITE_BUSY
    /// ("database is locked") once their busy timeout runs out; readers go on (WAL).</summary>
    private sealed class WriteLock(string db, int busyTimeout) : IFault
    {
        private SqliteConnection? _connection;
        public string Description => "write lock held by another connection: BEGIN IMMEDIATE, kept, then ROLLBACK";

        public async Task Apply()
        {
            _connection = new SqliteConnection($"Data Source={db};Pooling=False;Default Timeout={busyTimeout}");
            await _connection.OpenAsync();
            await using var begin = _connection.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
        }

        public async Task Clear()
        {
            if (_connection is null) return;
            await using (var rollback = _connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK;";
                await rollback.ExecuteNonQueryAsync();
            }
            await _connection.DisposeAsync();
            _connection = null;
        }

        public async ValueTask DisposeAsync() => await Clear();
    }
}
