using System.Net;
using System.Text.Json.Nodes;
using static KuaSheng.Api.Tests.KsctlHarness;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>ksctl in-process against a real node: what an operator types, its exit code, stdout and the one stderr
/// line on failure.</summary>
[Collection(ApiCollection.Name)]
public sealed class KsctlTests(ApiNode node)
{
    private string[] At(params string[] args) => ["--node", node.BaseUrl, .. args];

    private static void Succeeded(KsctlRun run) => run.Succeeded();

    [Fact]
    public async Task Token_issue_gives_a_token_that_shows_the_case_it_created()
    {
        var issued = await Ksctl(At("token", "issue", "--role", "window", "--unit", "qj-window"));
        Succeeded(issued);
        var token = issued.Out.Trim();
        Assert.Equal(3, token.Split('.').Length); // a bare JWT, ready for KSCTL_TOKEN
        using var window = new ApiClient(new Uri(node.BaseUrl), token);
        var caseId = await ReceiveAndForward(window, Application("1-1", QijiangId, original: true));

        var shown = await Ksctl(At("--token", token, "case", "show", caseId));
        Succeeded(shown);
        Assert.Contains(caseId, shown.Out, StringComparison.Ordinal);
        Assert.Contains("forwarded", shown.Out, StringComparison.Ordinal);
        Assert.Contains("qj-notary", shown.Out, StringComparison.Ordinal);

        var json = await Ksctl(At("--token", token, "--json", "case", "show", caseId));
        Succeeded(json);
        var body = JsonNode.Parse(json.Out)!;
        Assert.Equal((caseId, "forwarded"), (body["caseId"]!.GetValue<string>(), body["status"]!.GetValue<string>()));

        var whole = JsonNode.Parse((await Ksctl(At("--json", "token", "issue", "--role", "integration", "--units", "qj-window,qj-notary", "--subject", "bridge"))).Out)!;
        Assert.Equal(("integration", "bridge"), (whole["role"]!.GetValue<string>(), whole["sub"]!.GetValue<string>()));
        Assert.Equal(["qj-window", "qj-notary"], whole["units"]!.AsArray().Select(u => u!.GetValue<string>()));
    }

    [Fact]
    public async Task Projections_show_as_json_names_the_case_projection_and_a_table_for_people()
    {
        var token = node.Token("operator");
        var json = await Ksctl(At("--token", token, "projections", "show", "--json"));
        Succeeded(json);
        var names = JsonNode.Parse(json.Out)!["projections"]!.AsArray().Select(p => p!["name"]!.GetValue<string>());
        Assert.Contains("case-summaries", names);

        var table = await Ksctl(At("--token", node.Token("supervisor"), "projections", "show"));
        Succeeded(table);
        Assert.Matches(@"case-summaries\s*│\s*\d+", table.Out);
        Assert.Contains("events behind", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projections_rebuild_with_wait_returns_once_caught_up_and_says_how_long_it_took()
    {
        using var window = node.Client("window", "qj-window");
        await ReceiveAndForward(window, Application("1-1", QijiangId, original: true));
        var run = await Ksctl(At("--token", node.Token("operator"), "projections", "rebuild", "case-summaries", "--wait"));
        Succeeded(run);
        Assert.Matches(@"^case-summaries: rebuilt in [0-9.]+ s \(\d+ events projected, offset [1-9]\d*\)", run.Out);

        var status = JsonNode.Parse((await Ksctl(At("--token", node.Token("operator"), "--json", "projections", "show"))).Out)!["projections"]!
            .AsArray().Single(p => p!["name"]!.GetValue<string>() == "case-summaries")!;
        Assert.Equal((0L, false), (status["eventsBehind"]!.GetValue<long>(), status["rebuilding"]!.GetValue<bool>()));

        var unknown = await Ksctl(At("--token", node.Token("operator"), "projections", "rebuild", "no-such"));
        Assert.Equal(1, unknown.Exit);
        Assert.StartsWith("ksctl: not-found: No projection \"no-such\"", unknown.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_the_node_refuses_in_one_line_naming_unauthenticated()
    {
        var run = await Ksctl(At("projections", "show"));
        Assert.NotEqual(0, run.Exit);
        Assert.Empty(run.Out);
        Assert.Contains("unauthenticated", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_wrong_role_is_refused_in_one_line_naming_forbidden()
    {
        var run = await Ksctl(At("--token", node.Token("window", "qj-window"), "projections", "rebuild", "case-summaries"));
        Assert.NotEqual(0, run.Exit);
        var line = run.OneErrorLine();
        Assert.Contains("forbidden", line, StringComparison.Ordinal);
        Assert.Contains("Only operators rebuild projections", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_issue_shows_the_fields_a_validation_problem_names()
    {
        var run = await Ksctl(At("token", "issue", "--role", "window", "--unit", "no-such-unit"));
        Assert.Equal(1, run.Exit);
        Assert.Equal("ksctl: validation-failed: unit: Unknown unit \"no-such-unit\" (see GET /units). [HTTP 400]", run.OneErrorLine());
    }

    [Fact]
    public async Task Token_issue_on_a_node_without_dev_features_says_so()
    {
        using var production = new StubNode(_ => JsonAnswer(HttpStatusCode.NotFound,
            """{"status":404,"title":"Not found","detail":"There is no such endpoint.","code":"not-found"}"""));
        var run = await KsctlVia(production, "--node", "http://node.invalid:5080", "token", "issue", "--role", "operator");
        Assert.Equal(1, run.Exit);
        Assert.Equal("ksctl: not-found: There is no such endpoint. [HTTP 404] (this node does not issue dev tokens: dev features are off)",
            run.OneErrorLine());
        Assert.Equal("/api/v1/auth/dev-token", production.Last!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task An_unreachable_node_is_one_line_naming_it()
    {
        var closed = ApiNode.FreePort(); // nothing listens there
        var run = await Ksctl("--node", $"http://127.0.0.1:{closed}", "health");
        Assert.Equal(1, run.Exit);
        Assert.StartsWith($"ksctl: cannot reach node http://127.0.0.1:{closed}: ", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_exits_2_with_usage_and_nothing_is_sent()
    {
        var run = await Ksctl(At("frobnicate"));
        Assert.Equal(2, run.Exit);
        Assert.StartsWith("ksctl: unknown command or argument 'frobnicate'", run.Err, StringComparison.Ordinal);
        Assert.Contains("Usage:", run.Err, StringComparison.Ordinal);
        Assert.Contains("projections", run.Err, StringComparison.Ordinal);
        Assert.Empty(run.Out);

        var none = await Ksctl();
        Assert.Equal(2, none.Exit);
        Assert.Contains("Usage:", none.Err, StringComparison.Ordinal);

        var badNode = await Ksctl("--node", "not a url", "health");
        Assert.Equal(2, badNode.Exit);
        Assert.Contains("--node must be an http(s) URL", badNode.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_is_ready_on_a_started_node_and_not_ready_exits_1()
    {
        var run = await Ksctl(At("health"));
        Succeeded(run);
        Assert.Matches(@"readyz\s*│\s*ready", run.Out);
        var json = JsonNode.Parse((await Ksctl(At("health", "--json"))).Out)!;
        Assert.Equal(("alive", "ready"), (json["healthz"]!["status"]!.GetValue<string>(), json["readyz"]!["status"]!.GetValue<string>()));

        using var notReady = new StubNode(request => request.RequestUri!.AbsolutePath == "/readyz"
            ? JsonAnswer(HttpStatusCode.ServiceUnavailable, """{"status":"not-ready","reason":"journal unreachable"}""")
            : JsonAnswer(HttpStatusCode.OK, """{"status":"alive"}"""));
        var down = await KsctlVia(notReady, "--node", "http://node.invalid:5080", "health");
        Assert.Equal(1, down.Exit);
        Assert.Equal("ksctl: node http://node.invalid:5080 is not ready: journal unreachable", down.OneErrorLine());
    }

    [Fact]
    public async Task Catalogue_list_filters_by_batch_and_text()
    {
        var token = node.Token("operator");
        var json = await Ksctl(At("--token", token, "--json", "catalogue", "list", "--batch", "1"));
        Succeeded(json);
        var items = JsonNode.Parse(json.Out)!["items"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal(1, i!["batch"]!.GetValue<int>()));

        var table = await Ksctl(At("--token", token, "catalogue", "list", "--q", "学历公证"));
        Succeeded(table);
        Assert.Contains("1-1", table.Out, StringComparison.Ordinal);
        Assert.Contains("学历公证", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("失业登记", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_export_refuses_a_bad_month_before_asking_the_node_and_writes_no_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ksctl-ledger-{Guid.NewGuid():N}.csv");
        using var never = new StubNode(_ => throw new InvalidOperationException("nothing should be sent"));
        var run = await KsctlVia(never, "--node", node.BaseUrl, "ledger", "export", "--month", "2026-13", "--format", "csv", "--out", file);
        Assert.Equal(2, run.Exit);
        Assert.StartsWith("ksctl: --month is YYYY-MM", run.Err, StringComparison.Ordinal);
        Assert.Equal(0, never.Calls);
        Assert.False(File.Exists(file));

        var format = await KsctlVia(never, "--node", node.BaseUrl, "ledger", "export", "--month", "2026-10", "--format", "pdf", "--out", file);
        Assert.Equal(2, format.Exit);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Ledger_export_asks_for_the_month_unit_and_format_and_saves_the_bytes_whole()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ksctl-ledger-{Guid.NewGuid():N}.xlsx");
        var bytes = new byte[] { 0x50, 0x4B, 0x03, 0x04, 1, 2, 3 };
        using var ledger = new StubNode(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) });
        try
        {
            var run = await KsctlVia(ledger, "--node", "http://node.invalid:5080", "--token", "t", "ledger", "export", "--month", "2026-10",
                "--unit", "qj-notary", "--format", "xlsx", "--out", file);
            Succeeded(run);
            Assert.Equal("/api/v1/ledger?month=2026-10&unitId=qj-notary&format=xlsx", ledger.Last!.RequestUri!.PathAndQuery);
            Assert.Equal("Bearer t", ledger.Last.Headers.Authorization!.ToString());
            Assert.Equal(bytes, await File.ReadAllBytesAsync(file));
            Assert.Contains($"wrote {file} (7 bytes)", run.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }

        using var refused = new StubNode(_ => JsonAnswer(HttpStatusCode.Forbidden,
            """{"status":403,"title":"Forbidden","detail":"Only supervisors read ledgers.","code":"forbidden"}"""));
        var no = await KsctlVia(refused, "--node", "http://node.invalid:5080", "ledger", "export", "--month", "2026-10", "--format", "csv", "--out", file);
        Assert.Equal(1, no.Exit);
        Assert.Equal("ksctl: forbidden: Only supervisors read ledgers. [HTTP 403]", no.OneErrorLine());
        Assert.False(File.Exists(file));
    }
}

/// <summary>ksctl in a process of its own (environment variables are per process).</summary>
public sealed class KsctlProcessTests
{
    [Fact]
    public async Task Help_never_prints_the_token_from_the_environment()
    {
        const string secret = "eyJ.secret-token-of-an-operator.sig";
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["KSCTL_TOKEN"] = secret },
        };
        start.ArgumentList.Add(typeof(KuaSheng.Cli.Ksctl).Assembly.Location);
        start.ArgumentList.Add("cluster");
        start.ArgumentList.Add("show");
        start.ArgumentList.Add("--help");
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Contains("--token", output);
        Assert.DoesNotContain(secret, output);
    }
}
