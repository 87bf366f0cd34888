using System.Net.Http.Headers;
using System.Text.Json;

namespace KuaSheng.Bench.Suite;

/// <summary>One step of a flow: who sends it, where, and what (the path may use the case's id, number and query code).
/// <paramref name="AwaitsCompletion"/>: the step needs the case completed by an event that reaches it after an earlier
/// step's answer (a carrier's report); a 409 illegal-transition is sent again, with a new Idempotency-Key, every 5 ms
/// for up to 10 s, and the step's latency includes the waits.</summary>
internal sealed record FlowStep(string? Token, Func<CaseFlow, string> Path, object? Body, bool AwaitsCompletion = false);

/// <summary>A case being driven through its steps, one at a time; the first step (submission) names the case.</summary>
internal sealed class CaseFlow(string mode, IReadOnlyList<FlowStep> steps)
{
    public string Mode { get; } = mode;
    public IReadOnlyList<FlowStep> Steps { get; } = steps;
    public int Next { get; set; }
    public string CaseId { get; set; } = "";
    public string CaseNumber { get; set; } = "";
    public string QueryCode { get; set; } = "";
    public bool Done => Next >= Steps.Count;
}

/// <summary>
/// Drives flows over HTTP as integrations do, every POST with a fresh Idempotency-Key as a careful client sends it: the
/// set-up (dev tokens, the external units the flows route to), then one step at a time. Flows are started in turn
/// online, proxy, joint (<see cref="MixFlows"/>); <see cref="Driving"/> chooses others, such as the 9-step proxy flow
/// with a mailed result (<see cref="Flow9"/>).
/// </summary>
internal sealed class CaseFlows
{
    /// <summary>One client per node; requests take them in turn, so the steps of one case go to different nodes.</summary>
    private readonly HttpClient[] _nodes;
    private readonly Dictionary<string, string> _tokens = [];
    private string[] _mix = Modes;
    private long _started;
    private long _sent;

    private CaseFlows(HttpClient[] nodes) => _nodes = nodes;

    private HttpClient Next() => _nodes.Length == 1 ? _nodes[0] : _nodes[(int)((ulong)Interlocked.Increment(ref _sent) % (ulong)_nodes.Length)];

    /// <summary>
    /// Connections to each node at most, as a front's upstream pool keeps them. Without a cap, the open loop opened a
    /// connection for every request that found all of them busy: at 2,472 commands/s (70% of a 3,531 peak) it opened
    /// ~1,500 a second until the machine ran out of file handles ("Too many open files in system", or the bench's
    /// "Out of memory."), while every connection's set-up took CPU from the node. Requests beyond the cap wait in the
    /// client; their latency still counts from their scheduled send (no coordinated omission).
    /// </summary>
    private const int MaxConnectionsPerNode = 256;

    /// <summary>Sets up tokens and the external unit on the first node; with several nodes (one cluster), waits until
    /// every node knows the unit before any case is sent.</summary>
    public static async Task<CaseFlows> ConnectAsync(params string[] baseUrls)
    {
        var flows = new CaseFlows(baseUrls.Select(url => new HttpClient(
                new SocketsHttpHandler { MaxConnectionsPerServer = MaxConnectionsPerNode, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
            { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) }).ToArray());
        await flows.Token("operator", new { role = "operator" });
        var sichuan = await flows.RegisterUnitAsync(
            new { name = "四川省社会保险事业管理局", region = "510000", level = "external", kind = "department", items = new[] { "1-7" } });
        var tongzi = await flows.RegisterUnitAsync(Flow9.HomeUnit);
        await flows.Token("window", new { role = "window", unit = "qj-window" });
        await flows.Token("platform", new { role = "integration", units = new[] { "qj-hrss" } });
        await flows.Token("hrss", new { role = "officer", unit = "qj-hrss" });
        await flows.Token("notary", new { role = "officer", unit = "qj-notary" });
        await flows.Token("sichuan", new { role = "integration", units = new[] { sichuan } });
        await flows.Token("tongzi", new { role = "integration", units = new[] { tongzi } });
        await flows.Token("carrier", new { role = "carrier" });
        return flows;
    }

    public static readonly string[] Modes = ["online", "proxy", "joint"];

    /// <summary>From now on, starts flows of these modes in turn (<see cref="Modes"/> or <see cref="Flow9.Mode"/>).</summary>
    public CaseFlows Driving(params string[] modes)
    {
        _mix = modes;
        return this;
    }

    public CaseFlow Start() => _mix[(int)((ulong)(Interlocked.Increment(ref _started) - 1) % (ulong)_mix.Length)] switch
    {
        "online" => MixFlows.Online(_tokens),
        "proxy" => MixFlows.Proxy(_tokens),
        "joint" => MixFlows.Joint(_tokens),
        Flow9.Mode => Flow9.Create(_tokens["window"], _tokens["tongzi"], _tokens["carrier"]),
        var mode => throw new ArgumentException($"No flow {mode}"),
    };

    /// <summary>Steps sent again because the case had not taken an earlier step's asynchronous event yet.</summary>
    public long Resent => Interlocked.Read(ref _resent);

    private long _resent;

    /// <summary>Sends the flow's next step; on success moves the flow on (and reads the case's names from a submission).</summary>
    public async Task<bool> StepAsync(CaseFlow flow)
    {
        var step = flow.Steps[flow.Next];
        var answer = await Send(step, flow);
        for (var until = DateTime.UtcNow.AddSeconds(10); step.AwaitsCompletion && answer is { Status: 409, Code: "illegal-transition" } && DateTime.UtcNow < until;)
        {
            Interlocked.Increment(ref _resent);
            await Task.Delay(5);
            answer = await Send(step, flow);
        }
        if (answer.Status is < 200 or >= 300)
        {
            Failures.AddOrUpdate($"{flow.Mode} step {flow.Next + 1}: {answer.Status} {answer.Code}", 1, (_, n) => n + 1);
            return false;
        }
        if (flow.Next == 0)
        {
            var root = answer.Json!.RootElement;
            flow.CaseId = root.GetProperty("caseId").GetString()!;
            flow.CaseNumber = root.GetProperty("caseNumber").GetString()!;
            flow.QueryCode = root.GetProperty("queryCode").GetString()!;
        }
        answer.Json?.Dispose();
        flow.Next++;
        return true;
    }

    /// <summary>Failed steps by mode, step, status and problem code.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> Failures { get; } = new();

    /// <summary>GET of a case as qj-window sees it (status code only).</summary>
    public async Task<int> GetCaseAsync(string caseId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{caseId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens["window"]);
        using var response = await Next().SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return (int)response.StatusCode;
    }

    /// <summary>Registers an external unit as an operator on the first node (the same name and region again is the same
    /// unit) and, with several nodes, waits until every node knows it; answers its id.</summary>
    private async Task<string> RegisterUnitAsync(object unit)
    {
        var answer = await Send(new FlowStep(_tokens["operator"], _ => "/api/v1/units", unit), null, setUp: true);
        var id = answer.Json?.RootElement.GetProperty("id").GetString() ?? throw new InvalidOperationException($"unit registration: {answer.Status}");
        foreach (var node in _nodes.Skip(1)) await WaitForUnitAsync(node, _tokens["operator"], id);
        return id;
    }

    /// <summary>Nodes follow the reference data (units) into their own copies: a unit registered on one node is known
    /// to another a moment later.</summary>
    private static async Task WaitForUnitAsync(HttpClient node, string token, string unitId)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/units/{unitId}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await node.SendAsync(request);
            if (response.IsSuccessStatusCode) return;
            if (DateTime.UtcNow > until) throw new InvalidOperationException($"{node.BaseAddress} does not know unit {unitId}: {(int)response.StatusCode}");
            await Task.Delay(200);
        }
    }

    private async Task Token(string name, object body)
    {
        var answer = await Send(new FlowStep(null, _ => "/api/v1/auth/dev-token", body), null, idempotent: false, setUp: true);
        _tokens[name] = answer.Json?.RootElement.GetProperty("token").GetString()
                        ?? throw new InvalidOperationException($"dev token: {answer.Status} (are dev features on?)");
    }

    private sealed record Answer(int Status, string? Code, JsonDocument? Json);

    /// <summary>Sends a step to the next node in turn; set-up requests all go to the first.</summary>
    private async Task<Answer> Send(FlowStep step, CaseFlow? flow, bool idempotent = true, bool setUp = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, step.Path(flow!));
        if (step.Token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", step.Token);
        if (idempotent) request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        if (step.Body is not null)
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(step.Body)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        using var response = await (setUp ? _nodes[0] : Next()).SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var status = (int)response.StatusCode;
        // Only set-up answers, a submission's and a problem's are read (the client's CPU is the node's too, on 2 cores).
        if (bytes.Length == 0 || flow is { Next: > 0 } && status < 300) return new Answer(status, null, null);
        JsonDocument json;
        try { json = JsonDocument.Parse(bytes); }
        catch (JsonException) { return new Answer(status, null, null); }
        if (status < 300) return new Answer(status, null, json);
        using (json) return new Answer(status, json.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null, null);
    }
}
