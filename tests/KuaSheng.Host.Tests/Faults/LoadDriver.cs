using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace KuaSheng.Host.Tests.Faults;

/// <summary>One request of the load: when (since the driver started) and how long, by which client, to which node, for
/// which flow and step with which Idempotency-Key, and the answer (status and code, or why there was none).</summary>
internal sealed record Attempt(TimeSpan At, TimeSpan Took, int Client, int Flow, int Node, string Step, string Key, HttpStatusCode? Status,
    string? Code, bool RetryAfter, NodeApi.NoAnswer? Failure)
{
    public bool Succeeded => Status is { } s && (int)s is >= 200 and < 300;
    public TimeSpan AnsweredAt => At + Took;
    public override string ToString() =>
        $"{At.TotalSeconds:0.000}s+{Took.TotalMilliseconds:0}ms c{Client} f{Flow} node{Node} {Step} -> {(Status is { } s ? $"{(int)s} {Code}" : $"no answer ({Failure})")}";
}

/// <summary>One case flow of one client: its case, the steps answered 2xx (and when), and why it stopped if it did not
/// finish.</summary>
internal sealed class FlowRecord(int client, int number)
{
    public int Client { get; } = client;
    public int Number { get; } = number;
    public string? CaseId { get; set; }
    public List<(string Step, TimeSpan At)> Acknowledged { get; } = [];
    public string? Failure { get; set; }
    public bool Finished => Acknowledged.Count == CaseFlow.Steps.Count;
    public override string ToString() => $"c{Client} f{Number} case {CaseId ?? "-"} [{string.Join(", ", Acknowledged.Select(a => a.Step))}] {Failure}";
}

/// <summary>
/// Several clients, each driving whole case flows (<see cref="CaseFlow"/>) one after another through all three nodes,
/// as integrations would: a step refused (5xx, 429, no answer, or 409 "still being processed" with Retry-After) is sent
/// again with the SAME Idempotency-Key to the next node; a node that gave no answer is avoided for a while (as a load
/// balancer's health check would). Any other answer ends the flow as failed, and its client stops. Every attempt is recorded.
/// </summary>
internal sealed class LoadDriver
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan DefaultThinkTime = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan AvoidAfterNoAnswer = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A step not answered 2xx within this long fails its flow (the checker then reports it).</summary>
    public static readonly TimeSpan StepLiveness = TimeSpan.FromSeconds(120);

    private readonly NodeApi[] _apis;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly ConcurrentQueue<FlowRecord> _flows = new();
    private readonly long[] _avoidUntil;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _clients = [];
    private int _flowNumbers;

    private readonly TimeSpan _thinkTime;

    private LoadDriver(NodeApi[] apis, TimeSpan thinkTime)
    {
        _apis = apis;
        _thinkTime = thinkTime;
        _avoidUntil = new long[apis.Length];
    }

    public Stopwatch Clock { get; } = new();
    public IReadOnlyList<Attempt> Attempts => [.. _attempts.OrderBy(a => a.At)];
    public IReadOnlyList<FlowRecord> Flows => [.. _flows.OrderBy(f => f.Number)];

    /// <summary>Starts <paramref name="clients"/> clients (each with a window and an officer token of its own), each
    /// pausing <paramref name="thinkTime"/> (default 150 ms) between its steps.</summary>
    public static async Task<LoadDriver> StartAsync(NodeApi[] apis, int clients, TimeSpan? thinkTime = null)
    {
        var driver = new LoadDriver(apis, thinkTime ?? DefaultThinkTime);
        var tokens = new List<(string Window, string Officer)>();
        for (var c = 0; c < clients; c++)
            tokens.Add((await apis[c % apis.Length].Token(new { role = "window", unit = "qj-window", sub = $"fault-window-{c}" }),
                await apis[c % apis.Length].Token(new { role = "officer", unit = "qj-notary", sub = $"fault-notary-{c}" })));
        driver.Clock.Start();
        for (var c = 0; c < clients; c++)
        {
            var (client, token) = (c, tokens[c]);
            driver._clients.Add(Task.Run(() => driver.RunClient(client, token.Window, token.Officer)));
        }
        return driver;
    }

    /// <summary>Waits until at least <paramref name="count"/> steps were answered 2xx since <paramref name="since"/>.</summary>
    public async Task WaitForSuccessesAsync(int count, TimeSpan since, TimeSpan within)
    {
        var until = Clock.Elapsed + within;
        while (_attempts.Count(a => a.Succeeded && a.At >= since) < count)
        {
            Assert.True(Clock.Elapsed < until, $"fewer than {count} steps answered 2xx within {within.TotalSeconds} s; last attempts: " +
                string.Join(" | ", _attempts.Reverse().Take(8)) + "; failed flows: " + string.Join(" | ", _flows.Where(f => f.Failure is not null).Take(3)));
            await Task.Delay(200);
        }
    }

    /// <summary>No new flows; waits until every client has finished (or given up) its current flow.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
    }

    private async Task RunClient(int client, string window, string officer)
    {
        // A flow that failed stops its client: what follows would only repeat the failure.
        for (var failed = false; !_stop.IsCancellationRequested && !failed;)
        {
            var flow = new FlowRecord(client, Interlocked.Increment(ref _flowNumbers));
            _flows.Enqueue(flow);
            for (var s = 0; s < CaseFlow.Steps.Count && flow.Failure is null; s++)
            {
                await RunStep(flow, s, CaseFlow.Steps[s].Actor == Actor.Window ? window : officer);
                await Task.Delay(_thinkTime);
            }
            failed = flow.Failure is not null;
        }
    }

    private async Task RunStep(FlowRecord flow, int stepIndex, string token)
    {
        var step = CaseFlow.Steps[stepIndex];
        var key = $"{_run}-c{flow.Client}-f{flow.Number}-{step.Name}";
        var started = Clock.Elapsed;
        for (var attempt = 0; ; attempt++)
        {
            var node = PickNode(flow.Client + stepIndex + attempt);
            var at = Clock.Elapsed;
            var answer = await _apis[node].Send(HttpMethod.Post, step.Path(flow.CaseId), token, step.Body(flow.Number), key, RequestTimeout);
            _attempts.Enqueue(new Attempt(at, Clock.Elapsed - at, flow.Client, flow.Number, node, step.Name, key, answer.Status, answer.Code,
                answer.RetryAfter is not null, answer.Failure));
            if (answer.Succeeded)
            {
                if (stepIndex == 0) flow.CaseId = answer.Body!["caseId"]!.GetValue<string>();
                flow.Acknowledged.Add((step.Name, Clock.Elapsed));
                return;
            }
            if (answer.Status is null) Interlocked.Exchange(ref _avoidUntil[node], (Clock.Elapsed + AvoidAfterNoAnswer).Ticks);
            if (!Retryable(answer))
            {
                flow.Failure = $"{step.Name}: {answer}";
                return;
            }
            if (Clock.Elapsed - started > StepLiveness)
            {
                flow.Failure = $"{step.Name}: not answered 2xx within {StepLiveness.TotalSeconds} s, last {answer}";
                return;
            }
            await Task.Delay(RetryPause);
        }
    }

    /// <summary>What an integration sends again: failures that did nothing (5xx, 429), no answer, and 409 "still being
    /// processed" (it comes with Retry-After; other 409s do not).</summary>
    private static bool Retryable(NodeApi.Answer answer) =>
        answer.Status is null
        || (int)answer.Status >= 500
        || answer.Status == HttpStatusCode.TooManyRequests
        || (answer.Status == HttpStatusCode.Conflict && answer.Code == "conflict" && answer.RetryAfter is not null);

    /// <summary>The node for a try: round-robin from <paramref name="start"/>, skipping nodes that recently gave no
    /// answer (all of them avoided: the first one).</summary>
    private int PickNode(int start)
    {
        var now = Clock.Elapsed.Ticks;
        for (var i = 0; i < _apis.Length; i++)
        {
            var node = (start + i) % _apis.Length;
            if (Interlocked.Read(ref _avoidUntil[node]) <= now) return node;
        }
        return start % _apis.Length;
    }
}
