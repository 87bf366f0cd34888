using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using KuaSheng.Bench;

// Measurement harness for KuaSheng.Actors (not a test: it asserts nothing about time). Each command starts real nodes
// (the app's own wiring) on loopback, on SQLite files in temporary folders that it deletes afterwards.
//
//   recovery             [--events 200] [--cases 20]
//   idle-memory          [--count 10000] [--in-flight 64] [--passivate-short 5]
//   readonly-under-load  [--seconds 20] [--loops 50] [--mode both|readonly|lock] [--fault-at 5] [--fault-for 8]
//                        [--ask-timeout 15] [--tail 60] [--busy-timeout 30]
//   projection           [--cases 1000] [--events-per-case 10] [--read-journal yes] [--postgres CONNSTR]
//   projection-apply     [--cases 5000] [--batch 500]
//   unit-sync            [--views 50000] [--in-flight 256]
//   suite                --host PATH/KuaSheng.Host.dll [--quick] [--clients 64] [--seconds N] [--cases N] [--active N] [--payload 300] [--warmup S] [--open-rate N]
//                        [--part all|e2e|flow9|coldstart] [--flow9-clients 32]
//                        (issues #6, #12; ops/bench.sh builds and runs it)
//                        or against running nodes of one cluster: --nodes URL,URL --database sqlite:PATH|postgres:CONNSTR [--pids P,P]
//                        [--db-pid POSTMASTER] [--part all|e2e|flow9] (ops/bench-cluster.sh)
//   framework-limit      [--actors 64] [--payload 300] [--seconds 10] [--hocon "akka.persistence.journal.sql.batch-size = 500"]
//
// Commands whose names start with '_' are the child processes that the commands above start (a restart, or a run whose
// memory must not be mixed with another's, is a process of its own).

var command = args.FirstOrDefault() ?? "help";
var options = Args.Parse(args.Skip(1));
try
{
    return command switch
    {
        "recovery" => await RecoveryBench.Run(options),
        "idle-memory" => await IdleMemoryBench.Run(options),
        "readonly-under-load" => await ReadOnlyBench.Run(options),
        "projection" => await ProjectionBench.Run(options),
        "projection-apply" => await ProjectionApplyBench.Run(options),
        "unit-sync" => await UnitSyncBench.Run(options),
        "suite" => await KuaSheng.Bench.Suite.SuiteBench.Run(options),
        "framework-limit" => await KuaSheng.Bench.Suite.FrameworkLimit.Run(options),
        "_recovery-build" => await RecoveryBench.BuildChild(options),
        "_recovery-measure" => await RecoveryBench.MeasureChild(options),
        "_idle" => await IdleMemoryBench.RunChild(options),
        _ => Help(),
    };
}
catch (Exception e)
{
    Console.Error.WriteLine($"{command} failed: {e}");
    return 1;
}

static int Help()
{
    Console.WriteLine("""
        usage: dotnet run -c Release --project tests/KuaSheng.Bench -- <command> [options]
          recovery             [--events 200] [--cases 20]
          idle-memory          [--count 10000] [--in-flight 64] [--passivate-short 5]
          readonly-under-load  [--seconds 20] [--loops 50] [--mode both|readonly|lock] [--fault-at 5] [--fault-for 8]
                               [--ask-timeout 15] [--tail 60] [--busy-timeout 30]
          projection           [--cases 1000] [--events-per-case 10] [--read-journal yes] [--postgres CONNSTR]
          projection-apply     [--cases 5000] [--batch 500]
          unit-sync            [--views 50000] [--in-flight 256]
          suite                --host PATH/KuaSheng.Host.dll [--quick] [--clients 64] [--seconds N] [--cases N] [--active N] [--payload 300] [--warmup S] [--open-rate N]
                               [--part all|e2e|flow9|coldstart] [--flow9-clients 32]
                               or against running nodes: --nodes URL,URL --database sqlite:PATH|postgres:CONNSTR [--pids P,P]
                               [--db-pid POSTMASTER] [--part all|e2e|flow9]
          framework-limit      [--actors 64] [--payload 300] [--seconds 10] [--hocon "akka.persistence.journal.sql.batch-size = 500"]
        """);
    return 2;
}

namespace KuaSheng.Bench
{
    /// <summary><c>--name value</c> pairs.</summary>
    internal sealed class Args
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public static Args Parse(IEnumerable<string> args)
        {
            var parsed = new Args();
            var list = args.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                if (!list[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument {list[i]}");
                var name = list[i][2..];
                parsed._values[name] = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal) ? list[++i] : "true";
            }
            return parsed;
        }

        public int Int(string name, int fallback) =>
            _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        public double Double(string name, double fallback) =>
            _values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

        public bool Flag(string name) => _values.TryGetValue(name, out var v) && v != "false";

        public string String(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

        public string Required(string name) => _values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");

        public IEnumerable<string> Echo() => _values.Select(kv => $"--{kv.Key} {kv.Value}");
    }

    /// <summary>Runs this program again as a child process (a fresh runtime: a restart, or a clean memory baseline) and
    /// reads back the JSON result it writes.</summary>
    internal static class Child
    {
        public static async Task<T> Run<T>(string command, params string[] arguments)
        {
            var resultFile = Path.Combine(Path.GetTempPath(), $"kuasheng-bench-result-{Guid.NewGuid():N}.json");
            var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
                start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
            start.ArgumentList.Add(command);
            foreach (var a in arguments) start.ArgumentList.Add(a);
            start.ArgumentList.Add("--result");
            start.ArgumentList.Add(resultFile);
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw new InvalidOperationException($"child {command} exited with {process.ExitCode}");
            try { return JsonSerializer.Deserialize<T>(await File.ReadAllTextAsync(resultFile))!; }
            finally { File.Delete(resultFile); }
        }

        public static async Task<int> Write<T>(Args options, T result)
        {
            await File.WriteAllTextAsync(options.Required("result"), JsonSerializer.Serialize(result));
            return 0;
        }
    }
}
