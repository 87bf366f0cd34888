using System.Net;
using Npgsql;
using Xunit.Abstractions;

namespace KuaSheng.Host.Tests.Faults;

/// <summary>One fault under load: a fresh three-node cluster on its own database, the load driver running flows through
/// all nodes, the fault's own figures and findings, and at the end the checker on the whole history.</summary>
internal sealed class FaultRun : IAsyncDisposable
{
    public const int Clients = 6;
    private readonly ITestOutputHelper _output;
    private readonly List<(string Name, string Value)> _figures = [];
    private readonly List<string> _problems = [];

    private FaultRun(ThreeNodeCluster cluster, LoadDriver driver, ITestOutputHelper output)
    {
        Cluster = cluster;
        Driver = driver;
        _output = output;
    }

    public ThreeNodeCluster Cluster { get; }
    public LoadDriver Driver { get; }
    public TimeSpan Now => Driver.Clock.Elapsed;

    /// <summary>Starts the cluster on <paramref name="database"/> and the load; returns once the load is under way.</summary>
    public static async Task<FaultRun> StartAsync(string database, ITestOutputHelper output)
    {
        var cluster = await ThreeNodeCluster.StartAsync(database, output);
        try
        {
            var driver = await LoadDriver.StartAsync(cluster.Apis, Clients);
            var run = new FaultRun(cluster, driver, output);
            await driver.WaitForSuccessesAsync(20, TimeSpan.Zero, TimeSpan.FromSeconds(120));
            await cluster.InstallWriteLogAsync();
            await driver.WaitForSuccessesAsync(40, run.Now, TimeSpan.FromSeconds(60));
            return run;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public void Log(string line) => _output.WriteLine($"[{FaultFigures.Seconds(Now)} s] {line}");

    public void Figure(string name, TimeSpan value) => _figures.Add((name, FaultFigures.Seconds(value)));
    public void Figure(string name, object value) => _figures.Add((name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));

    /// <summary>A broken promise of the fault itself (reported with the checker's, failing the test).</summary>
    public void Problem(string problem) => _problems.Add(problem);

    /// <summary>The node that hosts most of the cases now in flight, and those cases (at most 15 looked up).</summary>
    public async Task<(int Node, IReadOnlyList<string> Cases)> BusiestNodeAsync()
    {
        var open = Driver.Flows.Where(f => !f.Finished && f.CaseId is not null).Select(f => f.CaseId!).Take(15).ToList();
        var hosts = new Dictionary<string, int>();
        foreach (var id in open)
            if (await Cluster.HostOfAsync(id, 0) is { } host) hosts[id] = host;
        var node = hosts.Count == 0 ? 1 : hosts.Values.GroupBy(h => h).OrderByDescending(g => g.Count()).First().Key;
        return (node, hosts.Where(h => h.Value == node).Select(h => h.Key).ToList());
    }

    /// <summary>For each case, the first step answered 2xx that was sent after <paramref name="since"/>: the longest
    /// time from <paramref name="since"/> to such an answer (null when a case had none).</summary>
    public TimeSpan? FirstAnswersAfter(IReadOnlyCollection<string> cases, TimeSpan since)
    {
        var flows = Driver.Flows.Where(f => f.CaseId is not null && cases.Contains(f.CaseId)).ToDictionary(f => (f.Client, f.Number), f => f.CaseId!);
        var first = Driver.Attempts.Where(a => a.Succeeded && a.AnsweredAt >= since && flows.ContainsKey((a.Client, a.Flow)))
            .GroupBy(a => flows[(a.Client, a.Flow)]).ToDictionary(g => g.Key, g => g.Min(a => a.AnsweredAt) - since);
        return first.Count < cases.Count ? null : first.Values.DefaultIfEmpty(TimeSpan.Zero).Max();
    }

    /// <summary>Lets the load go on until <paramref name="count"/> more steps were answered 2xx (at least
    /// <paramref name="atLeast"/>), then stops it (each client finishes its flow).</summary>
    public async Task RunOnAndStopAsync(int count, TimeSpan atLeast)
    {
        var from = Now;
        await Driver.WaitForSuccessesAsync(count, from, TimeSpan.FromSeconds(120));
        var rest = atLeast - (Now - from);
        if (rest > TimeSpan.Zero) await Task.Delay(rest);
        await Driver.StopAsync();
        Log($"load stopped: {Driver.Flows.Count} flows, {Driver.Attempts.Count} attempts");
    }

    /// <summary>Rows that an incarnation of a node wrote to the journal after <paramref name="since"/> (UTC).</summary>
    public async Task<long> JournalWritesAsync(string incarnation, DateTime since)
    {
        await using var connection = new NpgsqlConnection(Cluster.Database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM fault_journal_writes WHERE (writer = @writer OR writer LIKE @writer || '@%') AND written_at > @since";
        command.Parameters.AddWithValue("writer", incarnation);
        command.Parameters.AddWithValue("since", since);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Refused attempts in a time window, as "status xN".</summary>
    public string Refusals(TimeSpan from, TimeSpan to) => string.Join(",", Driver.Attempts.Where(a => !a.Succeeded && a.At >= from && a.At <= to)
        .GroupBy(a => a.Status is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) + (a.Code is null ? "" : "-" + a.Code) : $"none-{a.Failure}")
        .OrderBy(g => g.Key).Select(g => $"{g.Key}x{g.Count()}"));

    /// <summary>Runs the checker and reports (output and KUASHENG_FAULT_REPORT); fails on any problem.</summary>
    public async Task CheckAndReportAsync(string fault)
    {
        var attempts = Driver.Attempts;
        var errors = attempts.Where(a => a.Status == HttpStatusCode.InternalServerError).ToList();
        foreach (var error in errors.Take(10)) Problem($"500 answered: {error}");
        var check = await new HistoryChecker(Cluster, Driver).CheckAsync(fault, _figures, _problems);
        check.Report(_output);
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
