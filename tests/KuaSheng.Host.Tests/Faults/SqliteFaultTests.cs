using System.Net;
using Xunit.Abstractions;

namespace KuaSheng.Host.Tests.Faults;

/// <summary>
/// The single node on SQLite (the product's default, and the journal's own group-committing writer,
/// <c>SqliteJournal</c>) under the fault suite's load: kill -9 while steps are in flight and a restart on the same files,
/// five times, then <see cref="HistoryChecker"/> on the whole history: every step answered 2xx is on its case once, sequence numbers
/// have no gap, the read model equals its rebuild.
/// </summary>
public sealed class SqliteFaultTests(ITestOutputHelper output)
{
    /// <summary>More clients than the cluster's suite, and no pause between steps: the journal then commits
    /// several entities' writes together, and each kill finds requests in flight.</summary>
    private const int Clients = 16;
    private static readonly TimeSpan ThinkTime = TimeSpan.Zero;

    private const int Rounds = 5;

    [Fact]
    public async Task Kill_9_of_the_single_sqlite_node_under_load_and_its_restarts_lose_nothing_and_do_nothing_twice()
    {
        await using var node = await OneSqliteNode.StartAsync(output);
        var driver = await LoadDriver.StartAsync(node.Apis, Clients, ThinkTime);
        await driver.WaitForSuccessesAsync(400, TimeSpan.Zero, TimeSpan.FromSeconds(120));

        var figures = new List<(string Name, string Value)>();
        for (var round = 1; round <= Rounds; round++)
        {
            var killedAt = driver.Clock.Elapsed;
            node.Node.Kill();
            await node.RestartAsync();
            var restartedAt = driver.Clock.Elapsed;
            var inFlight = driver.Attempts.Count(a => a.At < killedAt && a.AnsweredAt > killedAt);
            output.WriteLine($"[{killedAt.TotalSeconds:0.0} s] kill -9 of the node with {inFlight} requests in flight; ready again after " +
                             $"{(restartedAt - killedAt).TotalSeconds:0.0} s");
            figures.Add(($"restart_{round}_s", FaultFigures.Seconds(restartedAt - killedAt)));
            figures.Add(($"in_flight_at_kill_{round}", inFlight.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            await driver.WaitForSuccessesAsync(400, restartedAt, TimeSpan.FromSeconds(120));
        }
        await driver.StopAsync();

        var problems = driver.Attempts.Where(a => a.Status == HttpStatusCode.InternalServerError).Take(10).Select(a => $"500 answered: {a}");
        var check = await new HistoryChecker(node, driver).CheckAsync("kill-9 sqlite", figures, problems);
        check.Report(output);
    }
}
