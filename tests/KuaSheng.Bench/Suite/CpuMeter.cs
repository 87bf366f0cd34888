using System.Diagnostics;
using System.Globalization;

namespace KuaSheng.Bench.Suite;

/// <summary>CPU time used so far by the processes under test: each node, the database server (a PostgreSQL postmaster
/// with its backends) when one is given, and this process, the load generator (on this machine it takes CPU from them);
/// and the whole machine's idle time, all cores (/proc/stat), with the wall-clock time of the sample.</summary>
internal sealed record CpuSample(IReadOnlyList<TimeSpan> Nodes, TimeSpan? Database, TimeSpan LoadGenerator, TimeSpan MachineIdle, TimeSpan Wall)
{
    public TimeSpan AllNodes => Nodes.Aggregate(TimeSpan.Zero, (sum, node) => sum + node);

    /// <summary>Share of the machine's cores that work other than the processes under test took (other sessions'
    /// builds, tests, benches): what makes a run on a shared machine noisy. The machine's busy time is the cores' time
    /// less their idle time: the kernel counts idle time exactly but busy time by ticks, which miss short bursts.</summary>
    public double OtherWorkShare
    {
        get
        {
            var cores = Wall * Environment.ProcessorCount;
            return (cores - MachineIdle - AllNodes - (Database ?? TimeSpan.Zero) - LoadGenerator) / cores;
        }
    }

    /// <summary>The CPU used between <paramref name="earlier"/> and this sample.</summary>
    public CpuSample Since(CpuSample earlier) =>
        new(Nodes.Zip(earlier.Nodes, (now, then) => now - then).ToList(), Database - earlier.Database, LoadGenerator - earlier.LoadGenerator,
            MachineIdle - earlier.MachineIdle, Wall - earlier.Wall);
}

/// <summary>
/// Reads the user + system CPU time of processes from /proc (clock ticks of 10 ms): the nodes by pid, and the database
/// server as its postmaster, its live children (backends, WAL writer, checkpointer...) and the children it has reaped
/// (cutime + cstime), so that a backend's time still counts once it has exited.
/// </summary>
internal sealed class CpuMeter(IReadOnlyList<int> nodePids, int? databasePid = null)
{
    private const int UserTime = 11, SystemTime = 12, ChildrenUserTime = 13, ChildrenSystemTime = 14, ParentPid = 1;

    public int NodeCount => nodePids.Count;

    public CpuSample Sample() => new(nodePids.Select(pid => Own(Fields(pid) ?? throw Gone(pid, "a node"))).ToList(),
        databasePid is { } db ? Server(db) : null, Process.GetCurrentProcess().TotalProcessorTime, MachineIdle(), Stopwatch.GetElapsedTime(0));

    /// <summary>Idle and iowait of the first line of /proc/stat (user, nice, system, idle, iowait...; ticks of 10 ms).</summary>
    private static TimeSpan MachineIdle()
    {
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(5)
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        return TimeSpan.FromMilliseconds((ticks[3] + ticks[4]) * 10);
    }

    private static TimeSpan Server(int postmaster)
    {
        var fields = Fields(postmaster) ?? throw Gone(postmaster, "the database server's postmaster");
        var total = Own(fields) + Ticks(fields, ChildrenUserTime) + Ticks(fields, ChildrenSystemTime);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == postmaster) continue;
            if (Fields(pid) is { } child && child[ParentPid] == postmaster.ToString(CultureInfo.InvariantCulture)) total += Own(child);
        }
        return total;
    }

    private static InvalidOperationException Gone(int pid, string what) => new($"No process {pid} ({what}): has it exited?");

    private static TimeSpan Own(string[] fields) => Ticks(fields, UserTime) + Ticks(fields, SystemTime);

    private static TimeSpan Ticks(string[] fields, int index) =>
        TimeSpan.FromMilliseconds(long.Parse(fields[index], CultureInfo.InvariantCulture) * 10);

    /// <summary>The fields of /proc/PID/stat after "pid (comm) ": [0] is the state, [1] the parent, [11] utime, [12]
    /// stime, [13] cutime, [14] cstime. Null when the process is gone.</summary>
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
