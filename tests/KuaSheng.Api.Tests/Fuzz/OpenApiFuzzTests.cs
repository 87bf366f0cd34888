using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsCheck;
using Xunit.Abstractions;

namespace KuaSheng.Api.Tests.Fuzz;

/// <summary>
/// Issue 13.5: requests generated from the served OpenAPI document for every operation, hostile in every part (path,
/// query, Idempotency-Key, body, caller), sent one at a time to a node of its own. Per request: never a 5xx; a refusal is
/// a problem+json with a stable code; a refusal changes no state (<see cref="StateDigest"/> before and after); an error
/// carries no personal data. Seed: <c>KUASHENG_FUZZ_SEED</c> (printed on failure, to replay); count:
/// <c>KUASHENG_FUZZ_REQUESTS</c>; time cap of the request loop: <c>KUASHENG_FUZZ_SECONDS</c>.
/// </summary>
public sealed class OpenApiFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const ulong DefaultSeed = 20261206;

    /// <summary>Operations not fuzzed, with why. Empty: leave and down are fuzzed, but never with this node's own
    /// address (<see cref="FuzzWorld.Forbidden"/>), which would take the node under test out of its cluster.</summary>
    private static readonly Dictionary<string, string> Skipped = new();

    private readonly ApiNode _node = new();

    public async Task InitializeAsync() => await _node.StartAsync(
        // Nothing happens by itself while fuzzing, so a change of state is the request's: no deadline scans, no rate limits
        // (the fuzzer measures validation, not the limiter, which RateLimitTests cover).
        "--KuaSheng:DeadlineCheckInterval=01:00:00",
        "--KuaSheng:RateLimits:Public:PermitLimit=0",
        "--KuaSheng:RateLimits:TokenLess:PermitLimit=0");

    public Task DisposeAsync() => _node.DisposeAsync();

    private static long Setting(string name, long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    [Fact]
    public async Task Every_operation_of_the_document_survives_hostile_requests()
    {
        var seed = (ulong)Setting("KUASHENG_FUZZ_SEED", (long)DefaultSeed);
        var budget = Setting("KUASHENG_FUZZ_REQUESTS", 3000);
        var seconds = Setting("KUASHENG_FUZZ_SECONDS", 60);

        var document = await FuzzSeeding.Document(_node);
        var operations = FuzzOperations.Read(document).Where(o => !Skipped.ContainsKey(o.Key)).ToList();
        var world = await FuzzSeeding.Seed(_node);
        var requests = new FuzzRequests(world, new FuzzBodies(document, world));
        var generators = operations.Select(requests.For).ToList();
        var oracle = new FuzzOracle(world);
        var probe = new StateProbe([Path.Combine(_node.DataDir, "kuasheng.db"), Path.Combine(_node.DataDir, "kuasheng.readmodel.db")], _node.Clock);
        var contract = await OpenApiContract.For(new Uri(_node.BaseUrl));

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri(_node.BaseUrl), Timeout = TimeSpan.FromSeconds(30),
        };
        var pcg = new PCG(1, seed);
        var stats = operations.ToDictionary(o => o.Key, _ => new SortedDictionary<int, int>());
        var failures = new List<string>();
        var drift = new List<string>();
        var clock = Stopwatch.StartNew();
        var operatorToken = _node.Token("operator");
        async Task<bool> caughtUp()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/projections");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", operatorToken);
            using var response = await http.SendAsync(request);
            var projections = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())?["projections"]?.AsArray();
            return projections is not null && projections.All(p => p!["eventsBehind"]!.GetValue<long>() == 0 && p["rebuilding"]?.GetValue<bool>() != true);
        }
        var before = await probe.Quiet(TimeSpan.FromSeconds(10), caughtUp);
        int sent = 0, suspected = 0, waits = 0, byServer = 0;
        for (var i = 0; i < budget && clock.Elapsed.TotalSeconds < seconds && failures.Count < 20; i++)
        {
            var op = operations[i % operations.Count];
            var request = generators[i % operations.Count].Generate(pcg, null, out _);
            if (world.Forbidden.Any(f => request.ToString().Contains(f, StringComparison.Ordinal) ||
                                         Encoding.UTF8.GetString(request.Body.Bytes).Contains(f, StringComparison.Ordinal))) continue;
            var answer = await Send(http, request);
            sent++;
            var counts = stats[op.Key];
            counts[answer.Status] = counts.GetValueOrDefault(answer.Status) + 1;

            var problems = oracle.Violations(request, answer).ToList();
            if (FuzzOracle.ByServer(answer)) byServer++;
            if (!FuzzOracle.ByServer(answer) && contract?.Check(new HttpMethod(op.Method), request.Url, answer.Status, answer.MediaType, answer.Body) is { } d && drift.Count < 50) drift.Add(d.Length > 400 ? d[..400] + "..." : d);

            var after = probe.Take();
            if (answer.Status is >= 400 and < 500 && Changed(before, after, request) is { } change)
            {
                // The state was quiet before this request (nothing runs by itself on this node, and every success was
                // waited on until the read models caught up): the change is this refusal's. Sent again, to say whether
                // it repeats (with a fresh Idempotency-Key, so it runs instead of being replayed).
                suspected++;
                var quiet = await probe.Quiet(TimeSpan.FromSeconds(5), caughtUp);
                var again = await Send(http, request.WithFreshKey());
                after = probe.Take();
                var repeats = Changed(quiet, after, request) is { } twice ? $"again when sent again ({again.Status}): {twice}" : $"not again when sent again ({again.Status})";
                problems.Add($"a refused request changed state: {change}; {repeats}");
            }
            if (answer.Status is >= 200 and < 300 && op.Method != "GET")
            {
                // A success changes state, also a little later (read models, messages): wait for quiet before the next.
                if (op.PathTemplate.Contains("/dev/clock", StringComparison.Ordinal)) _node.Clock.Release();
                waits++;
                after = await probe.Quiet(TimeSpan.FromSeconds(10), caughtUp);
            }
            before = after;
            if (problems.Count > 0)
                failures.Add($"#{i} {string.Join("; ", problems)}\n    request: {request}\n    answer:  {answer}");
        }

        var report = Report(operations, stats, sent, clock.Elapsed, seed) +
            $"Refusals by Kestrel before the application (request line over 8 KB, NUL in the path): {byServer}; successful writes " +
            $"waited on: {waits}; refusals that changed state: {suspected}.";
        output.WriteLine(report);
        if (drift.Count > 0) output.WriteLine($"Answers the document does not describe (not a failure here), first {drift.Count}:\n" + string.Join("\n", drift));

        var covered = stats.Count(s => s.Value.Count > 0);
        Assert.True(failures.Count == 0,
            $"{failures.Count} failing requests (seed {seed}: replay with KUASHENG_FUZZ_SEED={seed} KUASHENG_FUZZ_REQUESTS={budget}):\n" +
            string.Join("\n", failures) + "\n" + report);
        Assert.Equal(FuzzOperations.Read(document).Count - Skipped.Count, covered);
        Assert.True(sent >= Math.Min(budget, 1000), $"only {sent} requests in {seconds} s\n{report}");
    }

    private static string? Changed(StateDigest before, StateDigest after, FuzzRequest request)
    {
        if (before.Core != after.Core) return $"{before.Core} -> {after.Core}";
        if (after.RebuiltSince(before) is { } rebuilt) return rebuilt;
        // A refusal is kept for its Idempotency-Key (one row, only for a POST that carries a key).
        var keyRows = after.IdempotencyRows - before.IdempotencyRows;
        if (keyRows != 0 && !(keyRows == 1 && request.Operation.Method == "POST" && request.HasIdempotencyKey))
            return $"api_idempotency {before.IdempotencyRows} -> {after.IdempotencyRows}";
        // A wrong query code is counted against its case (the lockout), only on the public endpoints.
        var codeRows = after.CodeFailureRows - before.CodeFailureRows;
        if (codeRows != 0 && !(codeRows == 1 && request.Operation.PathTemplate.StartsWith("/api/v1/public/", StringComparison.Ordinal)))
            return $"public_code_failures {before.CodeFailureRows} -> {after.CodeFailureRows}";
        return null;
    }

    private static async Task<FuzzAnswer> Send(HttpClient http, FuzzRequest request)
    {
        using var message = request.ToMessage();
        try
        {
            using var response = await http.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            var headers = response.Headers.Concat(response.Content.Headers)
                .Select(h => KeyValuePair.Create(h.Key, string.Join(", ", h.Value))).ToList();
            return new FuzzAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, headers);
        }
        catch (HttpRequestException e)
        {
            // No answer at all (the connection dropped): as bad as a 5xx.
            return new FuzzAnswer(599, null, $"no answer: {e.Message}", []);
        }
    }

    private static string Report(List<FuzzOperation> operations, Dictionary<string, SortedDictionary<int, int>> stats, int sent, TimeSpan elapsed, ulong seed)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Fuzzed {sent} requests over {operations.Count} operations in {elapsed.TotalSeconds:0.0} s (seed {seed}).");
        foreach (var op in operations)
        {
            var counts = stats[op.Key];
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"  {counts.Values.Sum(),5}  {op.Key,-58} {string.Join(" ", counts.Select(c => $"{c.Key}x{c.Value}"))}");
        }
        return sb.ToString();
    }
}
