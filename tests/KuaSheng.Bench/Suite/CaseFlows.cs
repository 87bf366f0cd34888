using System.Net.Http.Headers;
using System.Text.Json;
using KuaSheng.Domain.Validation;

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
/// The three handling modes as an integration drives them over HTTP (bodies as in tests/KuaSheng.Api.Tests), every POST
/// with a fresh Idempotency-Key as a careful client sends it:
/// online 1-15 (6 commands: submission straight to qj-hrss, acceptance, decision, electronic result, collected, the
/// applicant's public rating); proxy 1-1 with an original (9: submission at qj-window, form review, identity,
/// acceptance, originals received, decision at qj-notary, pickup, collected, rating); joint 1-7 pension transfer
/// (10: submission, form review, identity, two acceptances, two decisions at qj-hrss and a Sichuan unit registered at
/// start, pickup, collected, rating). Flows are started in turn online, proxy, joint; <see cref="Driving"/> chooses
/// others, such as the 9-step proxy flow with a mailed result (<see cref="Flow9"/>).
/// </summary>
internal sealed class CaseFlows
{
    private static readonly string QijiangId = "50011019850612002" + ResidentIdNumber.ComputeCheckCharacter("50011019850612002");
    private static readonly object Certificate = new { title = "决定书", number = "QJ-2026-001" };
    /// <summary>One client per node; requests take them in turn, so the steps of one case go to different nodes.</summary>
    private readonly HttpClient[] _nodes;
    private readonly Dictionary<string, string> _tokens = [];
    private string[] _mix = Modes;
    private long _started;
    private long _sent;

    private CaseFlows(HttpClient[] nodes) => _nodes = nodes;

    private HttpClient Next() => _nodes.Length == 1 ? _nodes[0] : _nodes[(int)((ulong)Interlocked.Increment(ref _sent) % (ulong)_nodes.Length)];

    /// <summary>Sets up tokens and the external unit on the first node; with several nodes (one cluster), waits until
    /// every node knows the unit before any case is sent.</summary>
    public static async Task<CaseFlows> ConnectAsync(params string[] baseUrls)
    {
        var flows = new CaseFlows(baseUrls.Select(url => new HttpClient(
                new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
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
        "online" => Online(),
        "proxy" => Proxy(),
        "joint" => Joint(),
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

    private CaseFlow Online()
    {
        var (platform, hrss) = (_tokens["platform"], _tokens["hrss"]);
        return new CaseFlow("online",
        [
            new(platform, _ => "/api/v1/cases", Application("1-15", "online", "online", null, "electronic")),
            new(hrss, f => $"/api/v1/cases/{f.CaseId}/legs/leg1/acceptance", new { accepted = true }),
            new(hrss, f => $"/api/v1/cases/{f.CaseId}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate }),
            new(hrss, f => $"/api/v1/cases/{f.CaseId}/result-delivery", new { method = "electronic", url = "https://zwfw.example/r/1" }),
            new(hrss, f => $"/api/v1/cases/{f.CaseId}/result-collected", null),
            new(null, f => $"/api/v1/public/cases/{f.CaseNumber}/rating?queryCode={f.QueryCode}", new { level = "very-satisfied", channel = "online" }),
        ]);
    }

    private CaseFlow Proxy()
    {
        var (window, notary) = (_tokens["window"], _tokens["notary"]);
        return new CaseFlow("proxy",
        [
            new(window, _ => "/api/v1/cases", Application("1-1", "proxy", "window", "qj-window", "pickup", original: true)),
            .. WindowChecks(window),
            new(notary, f => $"/api/v1/cases/{f.CaseId}/legs/leg1/acceptance", new { accepted = true }),
            new(notary, f => $"/api/v1/cases/{f.CaseId}/originals-received", null),
            new(notary, f => $"/api/v1/cases/{f.CaseId}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate }),
            .. PickupAndRating(window),
        ]);
    }

    private CaseFlow Joint()
    {
        var (window, hrss, sichuan) = (_tokens["window"], _tokens["hrss"], _tokens["sichuan"]);
        return new CaseFlow("joint",
        [
            new(window, _ => "/api/v1/cases", Application("1-7", "joint", "window", "qj-window", "pickup", region: "500110", counterpart: "510107")),
            .. WindowChecks(window),
            new(hrss, f => $"/api/v1/cases/{f.CaseId}/legs/leg1/acceptance", new { accepted = true }),
            new(sichuan, f => $"/api/v1/cases/{f.CaseId}/legs/leg2/acceptance", new { accepted = true }),
            new(sichuan, f => $"/api/v1/cases/{f.CaseId}/legs/leg2/decision", new { outcome = "approved", resultDocument = new { title = "转出联系函", number = "SC-1" } }),
            new(hrss, f => $"/api/v1/cases/{f.CaseId}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate }),
            .. PickupAndRating(window),
        ]);
    }

    private static FlowStep[] WindowChecks(string window) =>
    [
        new(window, f => $"/api/v1/cases/{f.CaseId}/form-review", new { passed = true }),
        new(window, f => $"/api/v1/cases/{f.CaseId}/identity-verification", new { method = "face", passed = true }),
    ];

    private static FlowStep[] PickupAndRating(string window) =>
    [
        new(window, f => $"/api/v1/cases/{f.CaseId}/result-delivery", new { method = "pickup" }),
        new(window, f => $"/api/v1/cases/{f.CaseId}/result-collected", null),
        new(window, f => $"/api/v1/cases/{f.CaseId}/rating", new { level = "very-satisfied", channel = "window" }),
    ];

    private static object Application(string item, string mode, string channel, string? receivingUnitId, string delivery,
        bool original = false, string? region = null, string? counterpart = null) => new
    {
        itemCode = item,
        mode,
        channel,
        receivingUnitId,
        applicant = new { kind = "person", name = "张三", idNumber = QijiangId, phone = "13800138000", region },
        counterpartRegion = counterpart,
        materials = new[] { new { name = "申请表", original = false }, new { name = "证明材料原件", original } },
        delivery = new { method = delivery },
    };

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
