using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KuaSheng.Domain.Validation;
using Npgsql;
using Xunit.Abstractions;

namespace KuaSheng.Host.Tests;

/// <summary>
/// Three nodes as separate processes on one PostgreSQL database, with cases spread over them. One node is killed with
/// kill -9 while every case's next step is being sent (through the survivors, retried with the same Idempotency-Key as an
/// integration does); then it starts again and rejoins while the others keep serving. Checked on the history: every step
/// is on its case exactly once, each case's journal sequence numbers are contiguous, and every case answers again.
/// The times are reported (the failover time of the killed node's cases, the longest time the survivors' own cases
/// waited, the longest time without a successful read during the rejoin); they are figures, not assertions of speed.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int Cases = 24;
    private static readonly TimeSpan Liveness = TimeSpan.FromSeconds(90);

    private static Dictionary<string, string> Environment(string connectionString, IEnumerable<string> seeds)
    {
        var environment = new Dictionary<string, string>
        {
            ["KuaSheng__Database"] = "PostgreSql",
            ["KuaSheng__ConnectionString"] = connectionString,
            ["KuaSheng__Logging__Level"] = "Warning",
        };
        var i = 0;
        foreach (var seed in seeds) environment[$"KuaSheng__Cluster__Seeds__{i++}"] = seed;
        return environment;
    }

    [PostgresFact]
    public async Task A_node_killed_under_load_loses_nothing_does_nothing_twice_and_its_cases_answer_again()
    {
        var database = await PostgresFactAttribute.FreshDatabaseAsync("ks_failover_");
        var ports = Enumerable.Range(0, 3).Select(_ => (Http: FreePort.Next(), Akka: FreePort.Next())).ToArray();
        var seeds = ports.Select(p => $"akka.tcp://kuasheng@127.0.0.1:{p.Akka}").ToArray();
        var environment = Environment(database, seeds);
        var nodes = new ChildNode?[3];
        try
        {
            nodes[0] = new ChildNode(environment, httpPort: ports[0].Http, akkaPort: ports[0].Akka);
            await nodes[0]!.WaitReadyAsync();
            for (var i = 1; i < 3; i++) nodes[i] = new ChildNode(environment, httpPort: ports[i].Http, akkaPort: ports[i].Akka);
            for (var i = 1; i < 3; i++) await nodes[i]!.WaitReadyAsync();
            var apis = nodes.Select(n => new NodeApi(n!.BaseUrl)).ToArray();
            var window = await apis[0].Token(new { role = "window", unit = "qj-window" });
            var operatorToken = await apis[0].Token(new { role = "operator" });
            await Eventually(async () => (await apis[0].Send(HttpMethod.Get, "/admin/cluster", operatorToken)).Body?["members"]?.AsArray()
                .Count(m => m!["status"]!.GetValue<string>() == "up") == 3, "three members up");

            // Cases received through every node, each passed form review.
            var caseIds = new List<string>();
            for (var i = 0; i < Cases; i++)
            {
                var api = apis[i % 3];
                var created = await api.Send(HttpMethod.Post, "/cases", window, Application(i), key: $"submit-{i}");
                Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
                var id = created.Body!["caseId"]!.GetValue<string>();
                var reviewed = await api.Send(HttpMethod.Post, $"/cases/{id}/form-review", window, new { passed = true }, key: $"review-{i}");
                Assert.True(reviewed.Status == HttpStatusCode.OK, reviewed.ToString());
                caseIds.Add(id);
            }

            // The victim: the node that hosts most of the cases.
            var hosts = new Dictionary<string, string>();
            foreach (var id in caseIds)
                hosts[id] = (await apis[0].Send(HttpMethod.Get, $"/admin/entities/case/{id}", operatorToken)).Body!["address"]!.GetValue<string>();
            var victimAddress = hosts.Values.GroupBy(a => a).OrderByDescending(g => g.Count()).First().Key;
            var victim = Array.IndexOf(seeds, victimAddress);
            Assert.True(victim >= 0, $"{victimAddress} is none of {string.Join(", ", seeds)}");
            var survivors = Enumerable.Range(0, 3).Where(i => i != victim).Select(i => apis[i]).ToArray();

            // kill -9, and at once every case's next step through the survivors, each retried with its key until 2xx.
            var clock = Stopwatch.StartNew();
            nodes[victim]!.Kill();
            output.WriteLine($"kill -9 of node {victim} at {DateTime.UtcNow:HH:mm:ss.fff} UTC");
            var steps = caseIds.Select((id, i) => Step(survivors[i % 2], window, id, $"identity-{i}", clock)).ToArray();
            var answered = await Task.WhenAll(steps);
            var onVictim = caseIds.Select((id, i) => (id, i)).Where(c => hosts[c.id] == victimAddress).Select(c => answered[c.i]).ToArray();
            var elsewhere = caseIds.Select((id, i) => (id, i)).Where(c => hosts[c.id] != victimAddress).Select(c => answered[c.i]).ToArray();
            output.WriteLine($"kill -9 of {victimAddress} (hosting {onVictim.Length} of {Cases} cases): its cases answered again after " +
                             $"{Seconds(onVictim.Min())}-{Seconds(onVictim.Max())} s; the survivors' cases after at most {Seconds(elsewhere.DefaultIfEmpty().Max())} s");

            // The killed node starts again on its ports and rejoins, while the survivors are read from continuously.
            var rejoin = Stopwatch.StartNew();
            using var reads = new CancellationTokenSource();
            var gaps = survivors.Select(api => LongestGap(api, window, caseIds, reads.Token)).ToArray();
            nodes[victim] = new ChildNode(environment, httpPort: ports[victim].Http, akkaPort: ports[victim].Akka);
            await nodes[victim]!.WaitReadyAsync();
            await Eventually(async () => (await apis[0 == victim ? 1 : 0].Send(HttpMethod.Get, "/admin/cluster", operatorToken)).Body?["members"]?
                .AsArray().Count(m => m!["status"]!.GetValue<string>() == "up") == 3, "the restarted node up again");
            await Task.Delay(TimeSpan.FromSeconds(5)); // shards rebalance onto the new member
            await reads.CancelAsync();
            var longest = (await Task.WhenAll(gaps)).Max();
            output.WriteLine($"restart and rejoin took {Seconds(rejoin.Elapsed)} s; longest time without a successful read on a survivor: {Seconds(longest)} s");

            // The checker: each step once on its case, contiguous journals, and every case answers on every node.
            foreach (var id in caseIds)
            {
                var view = await Eventually(() => apis[victim].Send(HttpMethod.Get, $"/cases/{id}", window), r => r.Status == HttpStatusCode.OK);
                var types = view.Body!["timeline"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
                foreach (var step in new[] { "form-review-passed", "identity-verified", "forwarded" })
                    Assert.True(types.Count(t => t == step) == 1, $"{id}: {step} not once in {string.Join(", ", types)}");
                Assert.Equal("forwarded", view.Body!["status"]!.GetValue<string>());
            }
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var journal = connection.CreateCommand();
            journal.CommandText = """
                SELECT persistence_id, COUNT(*), MIN(sequence_nr), MAX(sequence_nr), COUNT(DISTINCT sequence_nr)
                FROM event_journal WHERE persistence_id LIKE 'case-%' GROUP BY persistence_id
                """;
            var journals = 0;
            await using (var reader = await journal.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                {
                    journals++;
                    var (pid, count, min, max, distinct) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
                    Assert.True(min == 1 && max == count && distinct == count, $"{pid}: {count} events, sequence numbers {min}..{max}, {distinct} distinct");
                }
            Assert.True(journals >= Cases, $"{journals} case journals");
        }
        finally
        {
            foreach (var node in nodes)
            {
                if (node is null) continue;
                if (!node.HasExited) output.WriteLine(node.Tail(1500));
                node.Dispose();
            }
        }
    }

    private static object Application(int i) => new
    {
        itemCode = "1-1",
        mode = "proxy",
        channel = "window",
        receivingUnitId = "qj-window",
        applicant = new
        {
            kind = "person",
            name = "张三",
            idNumber = IdNumber($"500110198506{(i % 28 + 1):00}002"),
            phone = "13800138000",
        },
        materials = new[] { new { name = "申请表", original = false }, new { name = "证明材料原件", original = true } },
        delivery = new { method = "pickup" },
    };

    private static string IdNumber(string first17) => first17 + ResidentIdNumber.ComputeCheckCharacter(first17);

    /// <summary>Sends identity verification for a case until it is answered 2xx (same key each time); the time since the kill.</summary>
    private static async Task<TimeSpan> Step(NodeApi api, string token, string caseId, string key, Stopwatch clock)
    {
        while (true)
        {
            var answer = await api.Send(HttpMethod.Post, $"/cases/{caseId}/identity-verification", token, new { method = "face", passed = true }, key: key);
            if (answer.Status == HttpStatusCode.OK) return clock.Elapsed;
            Assert.True(answer.Status is null or HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict or HttpStatusCode.GatewayTimeout,
                $"{caseId}: {answer}");
            Assert.True(clock.Elapsed < Liveness, $"{caseId}: no answer within {Liveness.TotalSeconds} s of the kill, last {answer}");
            await Task.Delay(200);
        }
    }

    /// <summary>Reads the cases round-robin from one node until cancelled; the longest time between two successful reads.</summary>
    private static async Task<TimeSpan> LongestGap(NodeApi api, string token, IReadOnlyList<string> caseIds, CancellationToken stop)
    {
        var longest = TimeSpan.Zero;
        var last = Stopwatch.StartNew();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var answer = await api.Send(HttpMethod.Get, $"/cases/{caseIds[i % caseIds.Count]}", token);
            if (answer.Status == HttpStatusCode.OK)
            {
                if (last.Elapsed > longest) longest = last.Elapsed;
                last.Restart();
            }
            await Task.Delay(100, CancellationToken.None);
        }
        return last.Elapsed > longest ? last.Elapsed : longest;
    }

    private static async Task Eventually(Func<Task<bool>> probe, string what)
    {
        var until = DateTime.UtcNow + Liveness;
        while (!await probe())
        {
            Assert.True(DateTime.UtcNow < until, $"not within {Liveness.TotalSeconds} s: {what}");
            await Task.Delay(250);
        }
    }

    private static async Task<NodeApi.Answer> Eventually(Func<Task<NodeApi.Answer>> probe, Func<NodeApi.Answer, bool> done)
    {
        var until = DateTime.UtcNow + Liveness;
        while (true)
        {
            var answer = await probe();
            if (done(answer) || DateTime.UtcNow > until) return answer;
            await Task.Delay(250);
        }
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
