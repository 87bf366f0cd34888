using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace KuaSheng.Host.Tests.Faults;

/// <summary>What the checker found: the figures, and every broken promise (empty when the history is clean).</summary>
internal sealed record HistoryCheck(FaultFigures Figures, IReadOnlyList<string> Problems)
{
    /// <summary>Reports the figures (test output and KUASHENG_FAULT_REPORT), then fails on any problem.</summary>
    public void Report(ITestOutputHelper output)
    {
        FaultReport.Write(output, Figures);
        foreach (var problem in Problems.Take(40)) output.WriteLine("PROBLEM: " + problem);
        Assert.True(Problems.Count == 0, $"{Problems.Count} problems after {Figures.Fault}, first: {string.Join(" | ", Problems.Take(5))}");
    }
}

/// <summary>
/// The checker, run on the history after a fault (the load stopped, every node back): reads the cases through the API and
/// the journals from the database directly, and checks that every step a client saw answered 2xx is on its case exactly
/// once (timeline and journal: no decision, delivery or rating twice), that every flow finished, that each case's
/// journal sequence numbers are 1..n without gaps, that no case exists that no client submitted, and that the read
/// model equals a rebuild of it from the journal.
/// </summary>
internal sealed partial class HistoryChecker(IFaultTarget target, LoadDriver driver)
{
    private const string CaseProjection = "case-summaries";
    private static readonly TimeSpan Liveness = TimeSpan.FromSeconds(90);
    private static readonly string[] ReadModelTables = ["case_summaries", "case_units", "case_legs", "case_deadlines", "case_mailings", "case_ledger_facts"];

    [GeneratedRegex("\"\\$type\"\\s*:\\s*\"(ev\\.[a-z]+)\"")]
    private static partial Regex EventType();

    /// <param name="fault">The fault's name in the report.</param>
    /// <param name="extra">The fault's own figures.</param>
    /// <param name="faultProblems">What the fault's own checks found.</param>
    public async Task<HistoryCheck> CheckAsync(string fault, IReadOnlyList<(string Name, string Value)> extra, IEnumerable<string> faultProblems)
    {
        var problems = faultProblems.ToList();
        var flows = driver.Flows;
        var attempts = driver.Attempts;
        foreach (var flow in flows.Where(f => !f.Finished)) problems.Add($"flow did not finish: {flow}");

        var supervisor = await target.Apis[0].Token(new { role = "supervisor" });
        var journals = await ReadJournalsAsync();
        var (lost, duplicated) = (0, 0);
        var statuses = new Dictionary<string, string>();
        foreach (var flow in flows.Where(f => f.CaseId is not null))
        {
            var view = await ReadCaseAsync(flow.CaseId!, supervisor);
            if (view is null)
            {
                problems.Add($"case {flow.CaseId} not readable: {flow}");
                lost += flow.Acknowledged.Count;
                continue;
            }
            statuses[flow.CaseId!] = view["status"]!.GetValue<string>();
            var timeline = view["timeline"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
            var events = journals.TryGetValue("case-" + flow.CaseId, out var j) ? j.SelectMany(e => e.Types).ToList() : [];
            foreach (var (name, _) in flow.Acknowledged)
            {
                var step = CaseFlow.Steps.Single(s => s.Name == name);
                var counts = step.Timeline.Select(t => ("timeline " + t, timeline.Count(x => x == t)))
                    .Concat(step.Events.Select(e => ("journal " + e, events.Count(x => x == e)))).ToList();
                if (counts.Any(c => c.Item2 == 0))
                {
                    lost++;
                    problems.Add($"LOST {name} on {flow.CaseId} (answered 2xx): {string.Join(", ", counts.Select(c => $"{c.Item1} x{c.Item2}"))}");
                }
                else if (counts.Any(c => c.Item2 > 1))
                {
                    duplicated++;
                    problems.Add($"TWICE {name} on {flow.CaseId}: {string.Join(", ", counts.Select(c => $"{c.Item1} x{c.Item2}"))}");
                }
            }
            if (flow.Finished && statuses[flow.CaseId!] != CaseFlow.FinalStatus)
                problems.Add($"case {flow.CaseId} finished its flow but is {statuses[flow.CaseId!]}");
        }

        var known = flows.Where(f => f.CaseId is not null).Select(f => "case-" + f.CaseId).ToHashSet();
        foreach (var (pid, rows) in journals)
        {
            var numbers = rows.Select(r => r.Sequence).ToList();
            if (numbers.Count == 0 || numbers.Min() != 1 || numbers.Max() != numbers.Count || numbers.Distinct().Count() != numbers.Count)
                problems.Add($"{pid}: sequence numbers not contiguous: {string.Join(",", numbers)}");
            if (!known.Contains(pid))
            {
                duplicated++;
                problems.Add($"{pid}: a case no client was answered for (a submission done twice?): {string.Join(",", rows.SelectMany(r => r.Types))}");
            }
        }

        problems.AddRange(await CompareReadModelWithRebuildAsync(statuses));

        var figures = new FaultFigures(fault, LongestWithoutSuccess(attempts), attempts.Count(a => !a.Succeeded), lost, duplicated,
            flows.Count, flows.Sum(f => f.Acknowledged.Count), extra);
        if (lost > 0) problems.Insert(0, $"{lost} steps answered 2xx are not on their case");
        if (duplicated > 0) problems.Insert(0, $"{duplicated} steps done twice");
        return new HistoryCheck(figures, problems);
    }

    /// <summary>The longest time between two answers 2xx (any client, any node) while the load ran.</summary>
    public static TimeSpan LongestWithoutSuccess(IEnumerable<Attempt> attempts)
    {
        var times = attempts.Where(a => a.Succeeded).Select(a => a.AnsweredAt).Order().ToList();
        return times.Zip(times.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.Zero).Max();
    }

    private async Task<JsonObject?> ReadCaseAsync(string caseId, string token)
    {
        var until = DateTime.UtcNow + Liveness;
        for (var i = 0; DateTime.UtcNow < until; i++)
        {
            var answer = await target.Apis[i % target.Apis.Length].Send(HttpMethod.Get, $"/cases/{caseId}", token, timeout: TimeSpan.FromSeconds(10));
            if (answer.Status == HttpStatusCode.OK) return answer.Body as JsonObject;
            await Task.Delay(250);
        }
        return null;
    }

    /// <summary>Every case journal, read from the database: per persistence id its rows (sequence number, the manifests of
    /// the events in the row: a command's events are one row).</summary>
    private async Task<Dictionary<string, List<(long Sequence, IReadOnlyList<string> Types)>>> ReadJournalsAsync()
    {
        var journals = new Dictionary<string, List<(long, IReadOnlyList<string>)>>();
        await using var connection = await target.OpenJournalAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, sequence_nr, payload FROM event_journal WHERE persistence_id LIKE 'case-%' ORDER BY persistence_id, sequence_nr";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var pid = reader.GetString(0);
            var json = Encoding.UTF8.GetString((byte[])reader.GetValue(2));
            var types = EventType().Matches(json).Select(m => m.Groups[1].Value).ToList();
            if (!journals.TryGetValue(pid, out var rows)) journals[pid] = rows = [];
            rows.Add((reader.GetInt64(1), types.Count > 0 ? types : ["?"]));
        }
        return journals;
    }

    /// <summary>The case read model (every table of the case projection) once caught up, then rebuilt from the journal
    /// (POST /admin/projections/case-summaries/rebuild): the two must be equal row for row, and each case's status in it
    /// must be the status the case itself answers.</summary>
    private async Task<List<string>> CompareReadModelWithRebuildAsync(Dictionary<string, string> statuses)
    {
        var problems = new List<string>();
        var before = await WhenCaughtUpAsync(dump => statuses.All(s => HasSummary(dump, s.Key, s.Value)));
        if (before is null)
        {
            var last = await DumpReadModelAsync();
            var behind = statuses.Where(s => !HasSummary(last, s.Key, s.Value)).Take(5).Select(s => $"{s.Key} ({s.Value})");
            problems.Add($"the read model did not show each case's status within {Liveness.TotalSeconds} s, e.g. {string.Join(", ", behind)}");
            return problems;
        }
        var until = DateTime.UtcNow + Liveness;
        while (true)
        {
            var rebuild = await target.Apis[0].Send(HttpMethod.Post, $"/admin/projections/{CaseProjection}/rebuild", target.OperatorToken);
            if (rebuild.Status == HttpStatusCode.Accepted) break;
            if (DateTime.UtcNow > until)
            {
                problems.Add($"rebuild refused: {rebuild}");
                return problems;
            }
            await Task.Delay(500);
        }
        if (await WhenCaughtUpAsync(dump => dump.SequenceEqual(before)) is not null) return problems;
        var after = await DumpReadModelAsync();
        problems.Add($"the read model differs from its rebuild: {before.Count} rows before, {after.Count} after; only before: " +
                     $"{string.Join(" | ", before.Except(after).Take(5))}; only after: {string.Join(" | ", after.Except(before).Take(5))}");
        return problems;
    }

    private static bool HasSummary(List<string> dump, string caseId, string status)
    {
        var prefix = $"case_summaries|case_id={caseId}|";
        var index = dump.BinarySearch(prefix, StringComparer.Ordinal);
        if (index < 0) index = ~index;
        return index < dump.Count && dump[index].StartsWith(prefix, StringComparison.Ordinal) && dump[index].Contains($"|status={status}|", StringComparison.Ordinal);
    }

    /// <summary>Waits until the case projection has no events behind and is not rebuilding, and its tables satisfy
    /// <paramref name="done"/>; returns the tables' rows then, or null if <paramref name="done"/> never held within 90 s
    /// (with the last rows read).</summary>
    private async Task<List<string>?> WhenCaughtUpAsync(Func<List<string>, bool> done)
    {
        var until = DateTime.UtcNow + Liveness;
        while (DateTime.UtcNow < until)
        {
            var status = await target.Apis[0].Send(HttpMethod.Get, "/admin/projections", target.OperatorToken);
            var caughtUp = status.Body?["projections"]?.AsArray().Any(p => p!["name"]!.GetValue<string>() == CaseProjection
                && p["eventsBehind"]!.GetValue<long>() == 0 && !p["rebuilding"]!.GetValue<bool>() && p["offset"]!.GetValue<long>() > 0) == true;
            if (caughtUp)
            {
                var dump = await DumpReadModelAsync();
                if (done(dump)) return dump;
            }
            await Task.Delay(500);
        }
        return null;
    }

    /// <summary>Every row of the case projection's tables as "table|column=value|...", sorted.</summary>
    private async Task<List<string>> DumpReadModelAsync()
    {
        var rows = new List<string>();
        await using var connection = await target.OpenReadModelAsync();
        foreach (var table in ReadModelTables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder(table);
                for (var i = 0; i < reader.FieldCount; i++)
                    row.Append('|').Append(reader.GetName(i)).Append('=').Append(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                rows.Add(row.ToString());
            }
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
