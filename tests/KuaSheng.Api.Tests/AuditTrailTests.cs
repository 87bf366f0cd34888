using System.Net;
using System.Text.Json.Nodes;
using KuaSheng.Api.Auth;
using Microsoft.Extensions.DependencyInjection;
using static KuaSheng.Api.Tests.KsctlHarness;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>The audit trail (issue 13.3): every write outside case steps, and every refused admin request, leaves one
/// record with who, what, when, from where and the outcome, in the node database; operators and supervisors query it
/// (<c>GET /admin/audit</c>, <c>ksctl audit</c>); refusals are counted (<c>kuasheng_auth_refused_total</c>); no personal
/// data in a record. A node of its own: it loads a calendar year and asks the cluster to down members.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private readonly ApiNode _node = new();

    public Task InitializeAsync() => _node.StartAsync();

    public Task DisposeAsync() => _node.DisposeAsync();

    private ApiClient As(string role, string subject, string? unit = null) =>
        new(new Uri(_node.BaseUrl), Token(role, subject, unit));

    private string Token(string role, string subject, string? unit = null) =>
        _node.Services.GetRequiredService<TokenIssuer>().Issue(role, subject, unit);

    /// <summary>The subject's records, newest first, once there are at least <paramref name="count"/> (the queue writes
    /// them off the request path, within milliseconds).</summary>
    private async Task<JsonArray> RecordsOf(string subject, int count, string query = "")
    {
        using var supervisor = As("supervisor", "audit-reader");
        JsonArray items = [];
        for (var i = 0; i < 100; i++)
        {
            var page = await supervisor.Get($"/api/v1/admin/audit?subject={Uri.EscapeDataString(subject)}{query}");
            Expect(page, HttpStatusCode.OK);
            items = page.Body!["items"]!.AsArray();
            if (items.Count >= count) break;
            await Task.Delay(100);
        }
        return items;
    }

    private static void Record(JsonNode? record, string operation, string? target, int status, string? code, string role, string subject)
    {
        Assert.NotNull(record);
        Assert.Equal($"{operation} {target} {status} {code} {role} {subject}",
            $"{record["operation"]} {record["target"]} {record["status"]} {record["code"]} {record["role"]} {record["subject"]}");
        Assert.Equal("127.0.0.1", record["clientAddress"]!.GetValue<string>());
        var at = DateTimeOffset.Parse(record["at"]!.GetValue<string>());
        Assert.InRange(at, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task Each_audited_operation_writes_one_record_with_who_what_where_and_the_outcome()
    {
        const string subject = "op-audit-1";
        using var op = As("operator", subject);
        var code = "9-" + Random.Shared.Next(100, 999);
        Expect(await op.Post("/api/v1/catalogue/items", new
        {
            code, batch = 9, seq = 1, name = "测试事项证明", scenario = "申请人可在居住地窗口申请。", cityLead = "市人力社保局",
            districtUnits = new[] { "qj-hrss" }, modes = new[] { "proxy" }, promisedDays = 5,
        }), HttpStatusCode.Created);
        Expect(await op.Put($"/api/v1/catalogue/items/{code}", new { promisedDays = 4 }), HttpStatusCode.OK);
        Expect(await op.Delete($"/api/v1/catalogue/items/{code}"), HttpStatusCode.OK);
        var unit = await op.Post("/api/v1/units", new { name = "桐梓县医疗保障局", region = "520322", level = "external", kind = "department", items = new[] { "1-16" } });
        Expect(unit, HttpStatusCode.Created);
        Expect(await op.Put("/api/v1/calendar/years/2095", new { holidays = new Dictionary<string, string> { ["2095-01-03"] = "元旦" }, workdays = new Dictionary<string, string>() }), HttpStatusCode.OK);
        Expect(await op.Post("/api/v1/admin/projections/ticket-summaries/rebuild"), HttpStatusCode.Accepted);
        Expect(await op.Post("/api/v1/admin/cluster/leave", new { address = "akka.tcp://kuasheng@10.0.0.9:4100" }), HttpStatusCode.NotFound);
        Expect(await op.Post("/api/v1/admin/cluster/down", new { address = "akka.tcp://kuasheng@10.0.0.9:4100" }), HttpStatusCode.NotFound);
        Expect(await op.Post("/api/v1/admin/cluster/down-unreachable"), HttpStatusCode.Accepted);
        // Reads leave no record.
        Expect(await op.Get("/api/v1/admin/cluster"), HttpStatusCode.OK);
        Expect(await op.Get("/api/v1/catalogue/items/1-1"), HttpStatusCode.OK);

        var records = await RecordsOf(subject, 9);
        await Task.Delay(300);
        records = await RecordsOf(subject, 9);
        Assert.Equal(9, records.Count);
        var oldestFirst = records.Reverse().ToList();
        Record(oldestFirst[0], "PostCatalogueItems", code, 201, null, "operator", subject);
        Record(oldestFirst[1], "PutCatalogueItemsByCode", code, 200, null, "operator", subject);
        Record(oldestFirst[2], "DeleteCatalogueItemsByCode", code, 200, null, "operator", subject);
        Record(oldestFirst[3], "PostUnits", unit.Text("id"), 201, null, "operator", subject);
        Record(oldestFirst[4], "PutCalendarYearsByYear", "2095", 200, null, "operator", subject);
        Record(oldestFirst[5], "PostAdminProjectionsRebuild", "ticket-summaries", 202, null, "operator", subject);
        Record(oldestFirst[6], "PostAdminClusterLeave", "akka.tcp://kuasheng@10.0.0.9:4100", 404, "not-found", "operator", subject);
        Record(oldestFirst[7], "PostAdminClusterDown", "akka.tcp://kuasheng@10.0.0.9:4100", 404, "not-found", "operator", subject);
        Record(oldestFirst[8], "PostAdminClusterDownUnreachable", null, 202, null, "operator", subject);
        Assert.All(records, r => Assert.NotNull(r!["node"]));
    }

    [Fact]
    public async Task A_refused_admin_request_is_recorded_and_counted_and_so_is_a_refused_write()
    {
        var before = await Refused("403", "not-permitted");
        using var window = As("window", "win-audit-1", "qj-window");
        var refused = await window.Post("/api/v1/admin/cluster/down", new { address = "akka.tcp://kuasheng@10.0.0.9:4100" });
        Expect(refused, HttpStatusCode.Forbidden);
        Expect(await window.Get("/api/v1/admin/audit"), HttpStatusCode.Forbidden);
        Expect(await window.Post("/api/v1/units", new { name = "x", region = "520322", kind = "window" }), HttpStatusCode.Forbidden);
        // A case step refused 403 is counted but not audited: the case has its timeline (and refusals are not news there).
        Expect(await window.Get("/api/v1/catalogue/items/1-1"), HttpStatusCode.OK);

        var records = await RecordsOf("win-audit-1", 3);
        Assert.Equal(3, records.Count);
        var oldestFirst = records.Reverse().ToList();
        Record(oldestFirst[0], "PostAdminClusterDown", "akka.tcp://kuasheng@10.0.0.9:4100", 403, "forbidden", "window", "win-audit-1");
        Assert.Equal("qj-window", oldestFirst[0]!["unit"]!.GetValue<string>());
        Record(oldestFirst[1], "GetAdminAudit", null, 403, "forbidden", "window", "win-audit-1");
        Record(oldestFirst[2], "PostUnits", null, 403, "forbidden", "window", "win-audit-1");
        await WaitForCount("403", "not-permitted", before + 3);

        // No token at all: recorded without a subject, counted as no-token.
        var noToken = await Refused("401", "no-token");
        using var anonymous = _node.Client();
        Expect(await anonymous.Get("/api/v1/admin/sharding"), HttpStatusCode.Unauthorized);
        await WaitForCount("401", "no-token", noToken + 1);
        using var supervisor = As("supervisor", "audit-reader");
        var all = (await supervisor.Get("/api/v1/admin/audit?limit=50")).Body!["items"]!.AsArray();
        Assert.Contains(all, r => r!["operation"]!.GetValue<string>() == "GetAdminSharding" && r["status"]!.GetValue<int>() == 401
                                  && r["subject"] is null && r["code"]!.GetValue<string>() == "unauthenticated");
    }

    private async Task<double> Refused(string status, string reason)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_node.BaseUrl) };
        var text = await http.GetStringAsync("/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("kuasheng_auth_refused_total{", StringComparison.Ordinal)
                                                        && l.Contains($"reason=\"{reason}\"", StringComparison.Ordinal)
                                                        && l.Contains($"status=\"{status}\"", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The exporter caches a scrape for a moment: read until the count shows.</summary>
    private async Task WaitForCount(string status, string reason, double atLeast)
    {
        double seen = 0;
        for (var i = 0; i < 40 && (seen = await Refused(status, reason)) < atLeast; i++) await Task.Delay(250);
        Assert.True(seen >= atLeast, $"kuasheng_auth_refused_total{{status={status}, reason={reason}}} is {seen}, expected at least {atLeast}");
    }

    [Fact]
    public async Task The_query_filters_by_time_and_subject_and_pages_with_a_cursor()
    {
        using var a = As("operator", "op-filter-a");
        using var b = As("operator", "op-filter-b");
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 5; i++) Expect(await a.Post("/api/v1/admin/cluster/down-unreachable"), HttpStatusCode.Accepted);
        Expect(await b.Post("/api/v1/admin/cluster/down-unreachable"), HttpStatusCode.Accepted);
        Assert.Equal(5, (await RecordsOf("op-filter-a", 5)).Count);
        Assert.Single(await RecordsOf("op-filter-b", 1));

        using var supervisor = As("supervisor", "audit-reader");
        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await supervisor.Get($"/api/v1/admin/audit?subject=op-filter-a&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            Expect(page, HttpStatusCode.OK);
            var items = page.Body!["items"]!.AsArray();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items.Select(r => r!["id"]!.GetValue<long>()));
            cursor = page.Body["next"]?.GetValue<string>();
        } while (cursor is not null);
        Assert.Equal(5, seen.Count);
        Assert.Equal(seen.OrderDescending(), seen); // newest first, no record twice

        var from = Uri.EscapeDataString(start.ToString("O"));
        Assert.Equal(5, (await RecordsOf("op-filter-a", 5, $"&from={from}")).Count);
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        Assert.Empty((await supervisor.Get($"/api/v1/admin/audit?subject=op-filter-a&from={future}")).Body!["items"]!.AsArray());
        var past = Uri.EscapeDataString(start.AddHours(-1).ToString("O"));
        Assert.Empty((await supervisor.Get($"/api/v1/admin/audit?subject=op-filter-a&to={past}")).Body!["items"]!.AsArray());

        foreach (var bad in new[] { "from=yesterday", "to=2026-12-01T08:00:00", "limit=0", "limit=5000", "cursor=%21%21", $"from={future}&to={past}" })
        {
            var refused = await supervisor.Get($"/api/v1/admin/audit?{bad}");
            Assert.True(refused.Status == HttpStatusCode.BadRequest, $"{bad}: {refused}");
            Assert.Equal("validation-failed", refused.Code);
        }
    }

    [Fact]
    public async Task A_query_code_lockout_is_recorded_without_personal_data_and_a_subject_that_is_an_id_number_is_masked()
    {
        using var window = As("window", "win-audit-2", "qj-window");
        var created = await window.Post("/api/v1/cases", Application("1-6", QijiangId, name: "王小明"), Guid.NewGuid().ToString());
        Expect(created, HttpStatusCode.Created);
        var number = created.Text("caseNumber");
        var right = int.Parse(created.Text("queryCode"));
        using var anonymous = _node.Client();
        for (var i = 0; i < 10; i++)
            Expect(await anonymous.Get($"/api/v1/public/cases/{number}?queryCode={(right + 1 + i) % 1_000_000:D6}"), HttpStatusCode.NotFound);

        // An identity provider whose subject is the person's ID number, and a target that carries a phone number.
        using var person = As("operator", QijiangId);
        Expect(await person.Post("/api/v1/admin/cluster/down", new { address = "13800138000" }), HttpStatusCode.BadRequest);

        using var supervisor = As("supervisor", "audit-reader");
        JsonArray all = [];
        for (var i = 0; i < 50 && all.Count(r => r!["operation"]!.GetValue<string>() is "PublicCaseLocked" or "PostAdminClusterDown") < 2; i++)
        {
            all = (await supervisor.Get("/api/v1/admin/audit?limit=1000")).Body!["items"]!.AsArray();
            await Task.Delay(100);
        }
        var locked = Assert.Single(all, r => r!["operation"]!.GetValue<string>() == "PublicCaseLocked");
        Assert.Equal(number, locked!["target"]!.GetValue<string>());
        Assert.Equal(429, locked["status"]!.GetValue<int>());
        Assert.Null(locked["subject"]);
        var masked = Assert.Single(all, r => r!["operation"]!.GetValue<string>() == "PostAdminClusterDown" && r["status"]!.GetValue<int>() == 400);
        Assert.Equal("500110********002" + QijiangId[^1], masked!["subject"]!.GetValue<string>());
        Assert.Equal("138****8000", masked["target"]!.GetValue<string>());

        var text = all.ToJsonString();
        Assert.DoesNotContain(QijiangId, text);
        Assert.DoesNotContain("13800138000", text);
        Assert.DoesNotContain("王", text);
        Assert.DoesNotContain(created.Text("queryCode"), text);
        // The subject filter finds the masked subject when given the ID number.
        Assert.Single((await supervisor.Get($"/api/v1/admin/audit?subject={QijiangId}")).Body!["items"]!.AsArray());
    }

    [Fact]
    public async Task Ksctl_audit_prints_the_records_as_a_table_and_as_json()
    {
        using var op = As("operator", "op-ksctl-1");
        Expect(await op.Post("/api/v1/admin/cluster/down-unreachable"), HttpStatusCode.Accepted);
        Assert.Single(await RecordsOf("op-ksctl-1", 1));
        string[] args = ["--node", _node.BaseUrl, "--token", Token("operator", "op-ksctl-reader")];

        var table = await Ksctl([.. args, "audit", "--subject", "op-ksctl-1", "--from", DateTimeOffset.UtcNow.AddHours(-1).ToString("O")]);
        table.Succeeded();
        Assert.Contains("PostAdminClusterDownUnreachable", table.Out);
        Assert.Contains("op-ksctl-1", table.Out);
        Assert.Contains("202", table.Out);

        var json = await Ksctl([.. args, "--json", "audit", "--subject", "op-ksctl-1"]);
        json.Succeeded();
        var record = Assert.Single(JsonNode.Parse(json.Out)!["items"]!.AsArray());
        Assert.Equal("PostAdminClusterDownUnreachable", record!["operation"]!.GetValue<string>());

        var wrong = await Ksctl([.. args, "audit", "--from", "yesterday"]);
        Assert.Equal(1, wrong.Exit);
        Assert.Contains("validation-failed", wrong.OneErrorLine());
    }
}
