using System.Net;
using System.Text.Json.Nodes;
using static KuaSheng.Api.Tests.KsctlHarness;

namespace KuaSheng.Api.Tests;

/// <summary><c>ksctl catalogue import</c> and <c>ksctl calendar import</c> against the test node (and a stub node for
/// the requests themselves): what changes on the node, what the operator reads, and that a bad file changes nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class KsctlImportTests(ApiNode node) : IDisposable
{
    /// <summary>A printed item no other API test touches; its notes are revised here.</summary>
    private const string Existing = "2-20";

    private readonly List<string> _files = [];

    private string[] As(string role, params string[] args) => ["--node", node.BaseUrl, "--token", node.Token(role), .. args];

    private static string NewCode() => "t-" + Guid.NewGuid().ToString("N")[..8];

    private string TempFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ksctl-import-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        _files.Add(path);
        return path;
    }

    private string TempFile(JsonNode content) => TempFile(content.ToJsonString());

    private static JsonObject NewItem(string code) => new()
    {
        ["code"] = code, ["batch"] = 9, ["seq"] = 2, ["name"] = "导入测试证明", ["scenario"] = "申请人可在居住地窗口申请。",
        ["cityLead"] = "市人力社保局", ["districtUnits"] = new JsonArray("qj-hrss"), ["modes"] = new JsonArray("proxy"), ["promisedDays"] = 5,
    };

    private async Task<JsonNode?> Item(string code)
    {
        using var reader = node.Client("window", "qj-window");
        var answer = await reader.Get($"/api/v1/catalogue/items/{code}");
        return answer.Status == HttpStatusCode.OK ? answer.Body : null;
    }

    private static JsonNode Row(JsonNode report, string code) =>
        report["items"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == code)!;

    [Fact]
    public async Task Catalogue_import_adds_a_new_item_revises_a_changed_one_and_a_second_run_changes_nothing()
    {
        var before = (await Item(Existing))!;
        var code = NewCode();
        var marker = "导入测试 " + Guid.NewGuid().ToString("N")[..6];
        var notes = new JsonArray([.. before["notes"]!.AsArray().Select(n => n!.DeepClone()), JsonValue.Create(marker)]);
        var file = TempFile(new JsonArray(NewItem(code), new JsonObject { ["code"] = Existing, ["notes"] = notes }));

        var first = await Ksctl(As("operator", "catalogue", "import", file));
        first.Succeeded();
        Assert.Matches($@"{code}\s*│\s*added\s*│\s*1\s*│", first.Out);
        Assert.Matches($@"{Existing}\s*│\s*revised\s*│\s*{before["version"]!.GetValue<int>() + 1}\s*│", first.Out);
        Assert.Contains("1 added, 1 revised, 0 unchanged, 0 failed of 2 item(s)", first.Out, StringComparison.Ordinal);

        var added = (await Item(code))!;
        Assert.Equal(("导入测试证明", 1, 5), (added["name"]!.GetValue<string>(), added["version"]!.GetValue<int>(), added["promisedDays"]!.GetValue<int>()));
        var revised = (await Item(Existing))!;
        Assert.Equal(before["version"]!.GetValue<int>() + 1, revised["version"]!.GetValue<int>());
        Assert.Contains(marker, revised["notes"]!.AsArray().Select(n => n!.GetValue<string>()));
        // Only the notes were sent: the routing and promised days stay as they were.
        Assert.Equal(before["routing"]!.ToJsonString(), revised["routing"]!.ToJsonString());
        Assert.Equal(before["promisedDays"]!.GetValue<int>(), revised["promisedDays"]!.GetValue<int>());
        var listed = await Ksctl(As("operator", "catalogue", "list", "--q", code));
        listed.Succeeded();
        Assert.Contains("导入测试证明", listed.Out, StringComparison.Ordinal);

        var again = await Ksctl(As("operator", "--json", "catalogue", "import", file));
        again.Succeeded();
        var report = JsonNode.Parse(again.Out)!;
        Assert.Equal((0, 0, 2, 0), (report["added"]!.GetValue<int>(), report["revised"]!.GetValue<int>(), report["unchanged"]!.GetValue<int>(),
            report["failed"]!.GetValue<int>()));
        Assert.Equal("unchanged", Row(report, code)["result"]!.GetValue<string>());
        Assert.Equal(1, (await Item(code))!["version"]!.GetValue<int>());
        Assert.Equal(revised["version"]!.GetValue<int>(), (await Item(Existing))!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task What_catalogue_list_prints_as_json_imports_back_unchanged()
    {
        var export = await Ksctl(As("operator", "--json", "catalogue", "list", "--batch", "3"));
        export.Succeeded();
        var count = JsonNode.Parse(export.Out)!["items"]!.AsArray().Count;
        Assert.True(count > 0, export.Out);

        var run = await Ksctl(As("operator", "--json", "catalogue", "import", TempFile(export.Out)));
        run.Succeeded();
        var report = JsonNode.Parse(run.Out)!;
        Assert.Equal(count, report["unchanged"]!.GetValue<int>());
        Assert.All(report["items"]!.AsArray(), i => Assert.Equal("unchanged", i!["result"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_invalid_file_changes_nothing_and_says_why_in_one_line()
    {
        var code = NewCode();
        var before = (await Item(Existing))!["version"]!.GetValue<int>();
        var duplicate = TempFile(new JsonArray(NewItem(code), new JsonObject { ["code"] = Existing, ["notes"] = new JsonArray("x") },
            new JsonObject { ["code"] = code, ["name"] = "again" }));
        var run = await Ksctl(As("operator", "catalogue", "import", duplicate));
        Assert.Equal(1, run.Exit);
        Assert.Equal($"ksctl: {duplicate}: item 3 ({code}): the code {code} is item 1 already; nothing was sent", run.OneErrorLine());
        Assert.Equal("", run.Out);
        Assert.Null(await Item(code));
        Assert.Equal(before, (await Item(Existing))!["version"]!.GetValue<int>());

        var broken = await Ksctl(As("operator", "catalogue", "import", TempFile("[{\"code\": \"" + code + "\",")));
        Assert.Equal(1, broken.Exit);
        Assert.Contains("not valid JSON at line 1", broken.OneErrorLine(), StringComparison.Ordinal);
        var typo = await Ksctl(As("operator", "catalogue", "import", TempFile(new JsonArray(new JsonObject { ["code"] = code, ["promiseDays"] = 3 }))));
        Assert.Contains("unknown field \"promiseDays\"", typo.OneErrorLine(), StringComparison.Ordinal);
        var noCode = await Ksctl(As("operator", "catalogue", "import", TempFile("[{\"name\": \"x\"}]")));
        Assert.Contains("item 1 has no code", noCode.OneErrorLine(), StringComparison.Ordinal);
        Assert.Null(await Item(code));

        var missing = await Ksctl(As("operator", "catalogue", "import", Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.json")));
        Assert.Equal(2, missing.Exit); // the command line names a file that is not there: usage
    }

    [Fact]
    public async Task A_window_token_is_refused_per_item_and_a_refused_item_does_not_stop_the_others()
    {
        var code = NewCode();
        var before = (await Item(Existing))!["version"]!.GetValue<int>();
        var file = TempFile(new JsonArray(NewItem(code), new JsonObject { ["code"] = Existing, ["notes"] = new JsonArray("不会生效") }));

        var window = await Ksctl(["--node", node.BaseUrl, "--token", node.Token("window", "qj-window"), "catalogue", "import", file]);
        Assert.Equal(1, window.Exit);
        Assert.Matches($@"{code}\s*│\s*failed\s*│\s*│\s*forbidden: Only operators change the catalogue\. \[HTTP 403\]", window.Out);
        Assert.Matches($@"{Existing}\s*│\s*failed\s*│\s*│\s*forbidden:", window.Out);
        Assert.Contains("0 added, 0 revised, 0 unchanged, 2 failed of 2 item(s); each item is sent on its own: a failed one did not stop the others",
            window.Out, StringComparison.Ordinal);
        Assert.Null(await Item(code));
        Assert.Equal(before, (await Item(Existing))!["version"]!.GetValue<int>());

        // One item the node refuses (a unit it does not know), then a good one: the good one is still added.
        var bad = NewItem(NewCode());
        bad["districtUnits"] = new JsonArray("区不存在局");
        var mixed = await Ksctl(As("operator", "--json", "catalogue", "import", TempFile(new JsonArray(bad, NewItem(code)))));
        Assert.Equal(1, mixed.Exit);
        var report = JsonNode.Parse(mixed.Out)!;
        Assert.Equal(("failed", "validation-failed"), (report["items"]![0]!["result"]!.GetValue<string>(), report["items"]![0]!["problem"]!.GetValue<string>()));
        Assert.Equal("added", Row(report, code)["result"]!.GetValue<string>());
        Assert.NotNull(await Item(code));
    }

    [Fact]
    public async Task Each_request_carries_an_idempotency_key_made_from_its_content()
    {
        var keys = new List<string?>();
        var stub = new StubNode(request =>
        {
            if (request.Method == HttpMethod.Get) return JsonAnswer(HttpStatusCode.OK, """{"items": []}""");
            keys.Add(request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null);
            return JsonAnswer(HttpStatusCode.Created, """{"version": 1}""");
        });
        var file = TempFile(new JsonArray(NewItem("t-a"), NewItem("t-b")));
        (await KsctlVia(stub, "--node", "http://node.invalid:5080", "catalogue", "import", file)).Succeeded();
        (await KsctlVia(stub, "--node", "http://node.invalid:5080", "catalogue", "import", file)).Succeeded();

        Assert.Equal(4, keys.Count);
        Assert.All(keys, k => Assert.StartsWith("ksctl-catalogue-import-", k, StringComparison.Ordinal));
        Assert.Equal(keys[0], keys[2]); // the same item, the same key: a retried run's POST is answered, not applied again
        Assert.Equal(keys[1], keys[3]);
        Assert.NotEqual(keys[0], keys[1]);
    }

    [Fact]
    public async Task When_the_node_goes_away_mid_run_the_rest_is_reported_not_sent()
    {
        var stub = new StubNode(request => request.Method == HttpMethod.Get
            ? JsonAnswer(HttpStatusCode.OK, """{"items": []}""")
            : throw new HttpRequestException("Connection refused"));
        var file = TempFile(new JsonArray(NewItem("t-a"), NewItem("t-b")));
        var run = await KsctlVia(stub, "--node", "http://node.invalid:5080", "--json", "catalogue", "import", file);

        Assert.Equal(1, run.Exit);
        Assert.Equal(2, stub.Calls); // the list, then the first item; the second is not tried
        var report = JsonNode.Parse(run.Out)!;
        Assert.Equal(("failed", "unreachable"), (Row(report, "t-a")["result"]!.GetValue<string>(), Row(report, "t-a")["problem"]!.GetValue<string>()));
        Assert.Equal("not-sent", Row(report, "t-b")["result"]!.GetValue<string>());
    }

    [Fact]
    public async Task Calendar_import_loads_a_year_and_the_days_reflect_it()
    {
        var file = TempFile("""{"holidays": {"2030-10-01": "国庆节", "2030-10-02": "国庆节"}, "workdays": {"2030-09-29": "国庆节调休"}}""");
        var run = await Ksctl(As("operator", "calendar", "import", file));
        run.Succeeded();
        Assert.Matches(@"^2030: official calendar loaded, 2 holiday\(s\) and 1 adjusted workday\(s\)", run.Out);
        Assert.Matches(@"(?m)^\d+ open deadline\(s\) moved with the new calendar$", run.Out);

        using var anonymous = node.Client();
        var holiday = (await anonymous.Get("/api/v1/calendar/days/2030-10-01")).Body!;
        Assert.Equal((false, "国庆节", false), (holiday["workingDay"]!.GetValue<bool>(), holiday["holiday"]!.GetValue<string>(), holiday["provisional"]!.GetValue<bool>()));
        var sunday = (await anonymous.Get("/api/v1/calendar/days/2030-09-29")).Body!;
        Assert.Equal((true, true), (sunday["workingDay"]!.GetValue<bool>(), sunday["adjustedWorkday"]!.GetValue<bool>()));

        var json = await Ksctl(As("operator", "--json", "calendar", "import", file, "--year", "2030"));
        json.Succeeded();
        Assert.True(JsonNode.Parse(json.Out)!["covered"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Calendar_import_of_a_bad_file_or_by_a_non_operator_fails_in_one_line()
    {
        using var anonymous = node.Client();
        async Task<bool> Covered() => (await anonymous.Get("/api/v1/calendar/years/2032")).Body!["covered"]!.GetValue<bool>();

        var malformed = await Ksctl(As("operator", "calendar", "import", TempFile("""{"holidays": {"2032-01-01": "元旦"}""")));
        Assert.Equal(1, malformed.Exit);
        Assert.Contains("not valid JSON", malformed.OneErrorLine(), StringComparison.Ordinal);

        var twoYears = await Ksctl(As("operator", "calendar", "import", TempFile("""{"holidays": {"2031-12-31": "x", "2032-01-01": "元旦"}, "workdays": {}}""")));
        Assert.Equal(1, twoYears.Exit);
        Assert.EndsWith("its dates fall in 2031 and 2032; give --year YYYY; nothing was sent", twoYears.OneErrorLine(), StringComparison.Ordinal);

        var good = TempFile("""{"holidays": {"2032-01-01": "元旦"}, "workdays": {}}""");
        var window = await Ksctl(["--node", node.BaseUrl, "--token", node.Token("window", "qj-window"), "calendar", "import", good]);
        Assert.Equal("ksctl: forbidden: Only operators load calendar years. [HTTP 403]", window.OneErrorLine());

        var typo = await Ksctl(As("operator", "calendar", "import", TempFile("""{"holiday": {"2032-01-01": "元旦"}, "workdays": {}}"""), "--year", "2032"));
        Assert.Equal(1, typo.Exit);
        Assert.StartsWith("ksctl: validation-failed: calendar: ", typo.OneErrorLine(), StringComparison.Ordinal);
        Assert.False(await Covered());
    }

    public void Dispose()
    {
        foreach (var file in _files) File.Delete(file);
    }
}
