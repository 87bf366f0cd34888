using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using KuaSheng.Host.Tests.Faults;

namespace KuaSheng.Host.Tests;

/// <summary><c>GET /metrics</c> of a node started in process, after a case was submitted and reviewed through the API:
/// what operators watch besides the projections.</summary>
public sealed partial class MetricsTests
{
    [Fact]
    public async Task Metrics_show_commands_by_type_and_result_persist_latency_members_by_status_and_entities_per_region()
    {
        var node = new InProcessNode();
        await using (node)
        {
            await node.StartAndWaitReadyAsync();
            var api = new NodeApi(node.BaseUrl);
            var window = await api.Token(new { role = "window", unit = "qj-window" });
            var (submit, review) = (CaseFlow.Steps[0], CaseFlow.Steps[1]);
            var submitted = await api.Send(HttpMethod.Post, submit.Path(null), window, submit.Body(1));
            Assert.True(submitted.Status == HttpStatusCode.Created, submitted.ToString());
            var caseId = submitted.Body!["caseId"]!.GetValue<string>();
            var reviewed = await api.Send(HttpMethod.Post, review.Path(caseId), window, review.Body(1));
            Assert.True(reviewed.Succeeded, reviewed.ToString());

            // The cluster and sharding gauges are sampled every few seconds: wait for a sample with the case in it.
            var until = DateTime.UtcNow.AddSeconds(30);
            IReadOnlyList<Sample> samples;
            do
            {
                samples = Parse(await Http.Client.GetStringAsync(node.BaseUrl + "/metrics"));
                if (Value(samples, "kuasheng_sharding_entities", "region=case") >= 1) break;
                await Task.Delay(500);
            } while (DateTime.UtcNow < until);

            Assert.True(Value(samples, "kuasheng_commands_total", "entity=case", "command=SubmitCase", "result=accepted") >= 1, Dump(samples));
            Assert.True(Value(samples, "kuasheng_commands_total", "entity=case", "command=ReviewForm", "result=accepted") >= 1, Dump(samples));
            Assert.Contains(samples, s => s.Name == "kuasheng_persist_duration_seconds_bucket" && s.Labels.GetValueOrDefault("entity") == "case");
            Assert.True(Value(samples, "kuasheng_persist_duration_seconds_count", "entity=case") >= 2, Dump(samples));
            Assert.Equal(1, Value(samples, "kuasheng_cluster_members", "status=up"));
            Assert.Equal(0, Value(samples, "kuasheng_cluster_members", "status=leaving"));
            Assert.Equal(0, Value(samples, "kuasheng_cluster_unreachable_members"));
            Assert.True(Value(samples, "kuasheng_sharding_entities", "region=case") >= 1, Dump(samples));
            Assert.True(Value(samples, "kuasheng_sharding_shards", "region=case") >= 1, Dump(samples));
            Assert.Equal(0, Value(samples, "kuasheng_journal_circuit_open"));
        }
    }

    /// <summary>One line of the Prometheus text format: metric name, labels, value.</summary>
    private sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();

    private static List<Sample> Parse(string text) => text.Split('\n')
        .Where(line => line.Length > 0 && line[0] != '#')
        .Select(line => SampleLine().Match(line))
        .Where(m => m.Success)
        .Select(m => new Sample(m.Groups["name"].Value,
            Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups["key"].Value, l => l.Groups["value"].Value),
            double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)))
        .ToList();

    /// <summary>The value of the one sample of <paramref name="name"/> with these labels ("key=value"); null when none.</summary>
    private static double? Value(IEnumerable<Sample> samples, string name, params string[] labels) => samples
        .Where(s => s.Name == name && labels.All(l => l.Split('=', 2) is [var k, var v] && s.Labels.GetValueOrDefault(k) == v))
        .Select(s => (double?)s.Value).SingleOrDefault();

    private static string Dump(IEnumerable<Sample> samples) =>
        string.Join('\n', samples.Where(s => s.Name.StartsWith("kuasheng_", StringComparison.Ordinal))
            .Select(s => $"{s.Name}{{{string.Join(',', s.Labels.Select(l => $"{l.Key}={l.Value}"))}}} {s.Value}"));
}
