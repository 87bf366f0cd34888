using System.Net;
using Xunit.Abstractions;

namespace KuaSheng.Host.Tests.Faults;

/// <summary>
/// The fault suite (issue 11): three nodes as separate processes on PostgreSQL, loopback only, case flows driven through
/// all of them by <see cref="LoadDriver"/>; one fault each, then <see cref="HistoryChecker"/> on the whole history. The
/// figures of each fault (time without service, commands refused, lost, duplicated, and the fault's own) go to the test
/// output and, with KUASHENG_FAULT_REPORT=path, to that file. KUASHENG_FAULT_SOAK=1 adds ten kill rounds.
/// </summary>
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    /// <summary>kill -9 of the node hosting most open cases, and its restart and rejoin while the load goes on.</summary>
    [PostgresFact]
    public async Task Kill_9_of_a_node_and_its_restart_lose_nothing_and_do_nothing_twice()
    {
        await using var run = await FaultRun.StartAsync(await PostgresFactAttribute.FreshDatabaseAsync("ks_fault_kill_"), output);
        var (victim, itsCases) = await run.BusiestNodeAsync();
        var killedAt = run.Now;
        run.Cluster.Node(victim).Kill();
        run.Log($"kill -9 of node {victim} (hosting {itsCases.Count} of the open cases looked up)");
        await run.Driver.WaitForSuccessesAsync(30, killedAt, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(5));
        run.Figure("failover_s", run.FirstAnswersAfter(itsCases, killedAt) is { } failover ? FaultFigures.Seconds(failover) : "none");

        var restartAt = run.Now;
        await run.Cluster.RestartAsync(victim);
        run.Log($"node {victim} restarted and up after {FaultFigures.Seconds(run.Now - restartAt)} s");
        run.Figure("restart_s", run.Now - restartAt);
        await run.RunOnAndStopAsync(40, TimeSpan.FromSeconds(8));
        run.Figure("rejoin_longest_without_service_s", HistoryChecker.LongestWithoutSuccess(run.Driver.Attempts.Where(a => a.At >= restartAt)));
        run.Figure("refused_by_status", run.Refusals(killedAt, run.Now));
        await run.CheckAndReportAsync("kill-9");
    }

    /// <summary>SIGSTOP of a node for 30 s: it is downed and its shards move; woken (SIGCONT) it must exit with code 3
    /// without writing to the journal again, and is started again as its supervisor would.</summary>
    [PostgresFact]
    public Task A_node_frozen_for_30_s_is_downed_and_exits_with_code_3_when_it_wakes() => FreezeForThirtySeconds(checkWritesAfterWake: false);

    /// <summary>The same fault; the woken node must not write to the journal before it exits.</summary>
    [PostgresFact]
    public Task A_node_frozen_for_30_s_writes_nothing_to_the_journal_after_it_wakes() => FreezeForThirtySeconds(checkWritesAfterWake: true);

    private async Task FreezeForThirtySeconds(bool checkWritesAfterWake)
    {
        await using var run = await FaultRun.StartAsync(await PostgresFactAttribute.FreshDatabaseAsync("ks_fault_stop_"), output);
        var (victim, itsCases) = await run.BusiestNodeAsync();
        var incarnation = run.Cluster.Incarnation(victim);
        var pausedAt = run.Now;
        run.Cluster.Node(victim).Pause();
        run.Log($"SIGSTOP of node {victim} (hosting {itsCases.Count} of the open cases looked up)");
        await Task.Delay(TimeSpan.FromSeconds(30));
        run.Figure("failover_s", run.FirstAnswersAfter(itsCases, pausedAt) is { } failover ? FaultFigures.Seconds(failover) : "none");
        var continuedUtc = DateTime.UtcNow;
        run.Cluster.Node(victim).Continue();
        run.Log($"SIGCONT of node {victim}");
        var exitCode = await run.Cluster.Node(victim).WaitForExitAsync(TimeSpan.FromSeconds(60));
        run.Log($"node {victim} exited with {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing (still running)"}");
        run.Figure("exit_code", exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
        if (exitCode != 3) run.Problem($"the woken node exited with {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing within 60 s"}, not 3");
        else await run.Cluster.RestartAsync(victim);
        await run.RunOnAndStopAsync(40, TimeSpan.FromSeconds(8));
        var written = await run.JournalWritesAsync(incarnation, continuedUtc);
        run.Figure("journal_rows_written_after_wake", written);
        if (written > 0 && checkWritesAfterWake) run.Problem($"the downed node ({incarnation}) wrote {written} journal rows after it woke");
        run.Figure("refused_by_status", run.Refusals(pausedAt, run.Now));
        await run.CheckAndReportAsync("sigstop-30s");
    }

    /// <summary>PostgreSQL stopped for 30 s under load (the suite's own server): answers are 503 with Retry-After, never
    /// 500; within 5 s of its return every node serves again, and a step retried with the same key succeeds.</summary>
    [PostgresFact]
    public async Task PostgreSQL_stopped_for_30_s_answers_503_with_retry_after_and_every_node_serves_within_5_s_of_its_return()
    {
        await using var server = await OwnPostgres.StartAsync();
        await using var run = await FaultRun.StartAsync(await server.FreshDatabaseAsync("ks_fault_db_"), output);
        var stoppedAt = run.Now;
        await server.StopAsync();
        run.Log("PostgreSQL stopped");
        await Task.Delay(TimeSpan.FromSeconds(30) - (run.Now - stoppedAt));
        await server.StartAgainAsync();
        var backAt = run.Now;
        run.Log($"PostgreSQL started again after {FaultFigures.Seconds(backAt - stoppedAt)} s");
        await run.RunOnAndStopAsync(60, TimeSpan.FromSeconds(15));

        var attempts = run.Driver.Attempts;
        var during = attempts.Where(a => a.At >= stoppedAt && a.AnsweredAt <= backAt && a.Status is not null && !a.Succeeded).ToList();
        var wrong = during.Where(a => a.Status != HttpStatusCode.ServiceUnavailable || !a.RetryAfter).ToList();
        run.Figure("outage_answers", string.Join(",", during.GroupBy(a => $"{(int)a.Status!}{(a.RetryAfter ? "+retry-after" : "")}").Select(g => $"{g.Key}x{g.Count()}")));
        run.Figure("outage_no_answer", attempts.Count(a => a.At >= stoppedAt && a.At <= backAt && a.Status is null));
        foreach (var a in wrong.Take(10)) run.Problem($"during the outage not 503 with Retry-After: {a}");

        // Every node serves: its first step answered 2xx that was sent after the database's return.
        var serving = new List<string>();
        for (var node = 0; node < ThreeNodeCluster.Size; node++)
        {
            var first = attempts.Where(a => a.Node == node && a.Succeeded && a.At >= backAt).Select(a => (TimeSpan?)(a.AnsweredAt - backAt)).Min();
            serving.Add(first is { } t ? FaultFigures.Seconds(t) : "none");
            if (first is not { } f || f > TimeSpan.FromSeconds(5)) run.Problem($"node {node} served again only after {serving[^1]} s");
        }
        run.Figure("nodes_serve_after_s", string.Join("/", serving));

        // A step refused during the outage succeeds with its key within 5 s of the return.
        var retried = attempts.Where(a => !a.Succeeded && a.At < backAt && a.AnsweredAt >= stoppedAt).Select(a => a.Key).ToHashSet();
        var late = attempts.Where(a => a.Succeeded && retried.Contains(a.Key)).Select(a => a.AnsweredAt - backAt).DefaultIfEmpty(TimeSpan.Zero).Max();
        run.Figure("retried_keys", retried.Count);
        run.Figure("retry_succeeded_after_s", late);
        if (late > TimeSpan.FromSeconds(5)) run.Problem($"a step retried with its key succeeded only {FaultFigures.Seconds(late)} s after the database's return");
        run.Figure("refused_by_status", run.Refusals(stoppedAt, run.Now));
        await run.CheckAndReportAsync("postgres-stop-30s");
    }

    /// <summary>SIGTERM of a node under load (graceful leave): no step fails that the client did not see answered 503
    /// (or could not connect at all: the node had gone); it exits 0 and is started again as after maintenance.</summary>
    [PostgresFact]
    public Task Sigterm_of_a_node_under_load_is_a_graceful_leave_that_loses_nothing() => LeaveUnderLoad(byOperator: false, checkAnswers: false);

    /// <summary>The same fault; every step the leaving node did not do is answered 503 (or never reached it).</summary>
    [PostgresFact]
    public Task Sigterm_of_a_node_under_load_fails_no_step_that_was_not_answered_503() => LeaveUnderLoad(byOperator: false, checkAnswers: true);

    /// <summary>An operator takes a node out under load (<c>POST /admin/cluster/leave</c>, as <c>ksctl cluster leave</c>,
    /// sent to another node): it exits 0, nothing is lost or done twice, and every step it did not do is answered 503.</summary>
    [PostgresFact]
    public Task An_operators_leave_of_a_node_under_load_fails_no_step_that_was_not_answered_503() => LeaveUnderLoad(byOperator: true, checkAnswers: true);

    /// <summary>A connection that breaks this soon after a request was sent on it was closed by the server as the request
    /// went out: the request was never read.</summary>
    private static readonly TimeSpan ClosedUnderTheSend = TimeSpan.FromMilliseconds(20);

    private async Task LeaveUnderLoad(bool byOperator, bool checkAnswers)
    {
        await using var run = await FaultRun.StartAsync(await PostgresFactAttribute.FreshDatabaseAsync("ks_fault_term_"), output);
        var (victim, itsCases) = await run.BusiestNodeAsync();
        var terminatedAt = run.Now;
        if (byOperator)
        {
            var other = (victim + 1) % ThreeNodeCluster.Size;
            var asked = await run.Cluster.Apis[other].Send(HttpMethod.Post, "/admin/cluster/leave", run.Cluster.OperatorToken,
                new { address = run.Cluster.Seeds[victim] });
            if (asked.Status != HttpStatusCode.Accepted) run.Problem($"leave of node {victim} answered {asked}");
            run.Log($"operator's leave of node {victim} (hosting {itsCases.Count} of the open cases looked up), sent to node {other}");
        }
        else
        {
            run.Cluster.Node(victim).Terminate();
            run.Log($"SIGTERM of node {victim} (hosting {itsCases.Count} of the open cases looked up)");
        }
        var exitCode = await run.Cluster.Node(victim).WaitForExitAsync(TimeSpan.FromSeconds(60));
        var exitedAt = run.Now;
        run.Log($"node {victim} exited with {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}");
        run.Figure("leave_s", exitedAt - terminatedAt);
        run.Figure("exit_code", exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
        if (exitCode != 0) run.Problem($"{(byOperator ? "leave" : "SIGTERM")}: exit code {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none within 60 s"}, not 0");
        await run.Driver.WaitForSuccessesAsync(30, exitedAt, TimeSpan.FromSeconds(60));
        run.Figure("handover_s", run.FirstAnswersAfter(itsCases, terminatedAt) is { } t ? FaultFigures.Seconds(t) : "none");
        var windowEnd = run.Now;
        if (exitCode == 0) await run.Cluster.RestartAsync(victim);
        await run.RunOnAndStopAsync(40, TimeSpan.FromSeconds(8));

        // Not failures of the leave: a request the node never saw — refused connection; sent to it after its process had
        // exited; or sent on a kept-alive connection that the stopping web server was closing at that instant, which breaks
        // at once (seen: 1-3 ms after the send, at the SIGTERM and just before the exit) instead of being refused. A request
        // the node read and then dropped would break only after the node had worked on it.
        var failures = run.Driver.Attempts.Where(a => !a.Succeeded && a.AnsweredAt >= terminatedAt && a.At <= windowEnd
            && a.Status != HttpStatusCode.ServiceUnavailable && a.Failure != NodeApi.NoAnswer.NotConnected
            && !(a.Node == victim && a.Failure == NodeApi.NoAnswer.Broken && (a.At >= exitedAt || a.Took <= ClosedUnderTheSend))).ToList();
        if (checkAnswers)
            foreach (var a in failures.Take(10)) run.Problem($"during the graceful leave a step failed without a 503: {a}");
        run.Figure("failed_without_503", failures.Count);
        run.Figure("broken_as_sent", run.Driver.Attempts.Count(a => a.Node == victim && a.Failure == NodeApi.NoAnswer.Broken
            && a.At >= terminatedAt && a.At < exitedAt && a.Took <= ClosedUnderTheSend));
        run.Figure("refused_by_status", run.Refusals(terminatedAt, run.Now));
        await run.CheckAndReportAsync(byOperator ? "operator-leave" : "sigterm-leave");
    }

    /// <summary>The soak (KUASHENG_FAULT_SOAK=1): ten rounds of kill -9 of one node after another, each restarted.</summary>
    [FaultSoakFact]
    public async Task Soak_ten_kill_rounds_lose_nothing_and_do_nothing_twice()
    {
        await using var run = await FaultRun.StartAsync(await PostgresFactAttribute.FreshDatabaseAsync("ks_fault_soak_"), output);
        var failovers = new List<string>();
        for (var round = 0; round < 10; round++)
        {
            var (victim, itsCases) = await run.BusiestNodeAsync();
            var killedAt = run.Now;
            run.Cluster.Node(victim).Kill();
            run.Log($"round {round + 1}: kill -9 of node {victim}");
            await run.Driver.WaitForSuccessesAsync(30, killedAt, TimeSpan.FromSeconds(90));
            await Task.Delay(TimeSpan.FromSeconds(3));
            failovers.Add(run.FirstAnswersAfter(itsCases, killedAt) is { } t ? FaultFigures.Seconds(t) : "none");
            await run.Cluster.RestartAsync(victim);
            await run.Driver.WaitForSuccessesAsync(30, run.Now, TimeSpan.FromSeconds(90));
        }
        run.Figure("failover_s", string.Join("/", failovers));
        await run.RunOnAndStopAsync(30, TimeSpan.FromSeconds(5));
        await run.CheckAndReportAsync("soak-10-kills");
    }
}

/// <summary>Runs only with KUASHENG_FAULT_SOAK=1 and a PostgreSQL server (KUASHENG_TEST_PG).</summary>
public sealed class FaultSoakFactAttribute : FactAttribute
{
    public const string Variable = "KUASHENG_FAULT_SOAK";

    public FaultSoakFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1") Skip = $"the soak runs with {Variable}=1";
        else if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable))) Skip = $"set {PostgresFactAttribute.Variable}";
    }
}
