using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using MiniExcelLibs;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>
/// The monthly ledger (台账) over HTTP: a scripted October 2026 on the dev clock (six cases across two modes and four
/// units: completed, returned and withdrawn, not accepted, overdue, badly rated and rectified, mailed; three tickets), its ledger
/// compared figure by figure with what the script says it should be (written out by hand below, not computed by the
/// production code), the same rows as CSV and xlsx, access rules, and the worklist and overdue list of the read model.
/// Its own node: it moves the clock.
/// </summary>
public sealed class LedgerTests : IAsyncLifetime
{
    private readonly ApiNode _node = new();

    public Task InitializeAsync() => _node.InitializeAsync();

    public Task DisposeAsync() => _node.DisposeAsync();

    private static readonly object Certificate = new { title = "公证书", number = "QJ-2026-088" };

    private static DateTimeOffset China(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    private async Task ClockAt(DateTimeOffset now)
    {
        using var anyone = _node.Client();
        Expect(await anyone.Put("/api/v1/dev/clock", new { now }), HttpStatusCode.OK);
    }

    private static string Waybill()
    {
        var digits = Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        return "EA" + digits + KuaSheng.Domain.Validation.WaybillNumber.ComputeS10CheckDigit(digits) + "CN";
    }

    private static async Task<ApiClient.Response> Submit(ApiClient client, object application)
    {
        var created = await client.Post("/api/v1/cases", application, Guid.NewGuid().ToString());
        Expect(created, HttpStatusCode.Created);
        return created;
    }

    private static async Task<string> OpenTicket(ApiClient window, string unitId)
    {
        var opened = await window.Post("/api/v1/tickets", new { kind = "complaint", unitId, text = "材料寄出后一直没有消息。", contact = "138 0013 8000" },
            Guid.NewGuid().ToString());
        Expect(opened, HttpStatusCode.Created);
        return opened.Text("ticketId");
    }

    private static async Task Reply(ApiClient officer, string ticketId) =>
        Expect(await officer.Post($"/api/v1/tickets/{ticketId}/reply", new { text = "已核实，正在办理。" }), HttpStatusCode.OK);

    private static async Task Rate(ApiClient anyone, ApiClient.Response created, string level, string? comment = null) =>
        Expect(await anyone.Post($"/api/v1/public/cases/{created.Text("caseNumber")}/rating?queryCode={created.Text("queryCode")}",
            new { level, comment, channel = "online" }), HttpStatusCode.OK);

    /// <summary>The counted figures of a row, by JSON key (the average is derived: checked on its own).</summary>
    private static Dictionary<string, long> Figures(JsonNode row) => row.AsObject()
        .Where(p => p.Key != "averageWorkingDays" && p.Value is JsonValue v && v.TryGetValue<long>(out _))
        .ToDictionary(p => p.Key, p => p.Value!.GetValue<long>());

    private static string Key(JsonNode row) =>
        $"{row["level"]} {row["unitId"]} {row["itemCode"]} {row["mode"]}";

    [Fact]
    public async Task A_scripted_month_gives_the_ledger_the_script_implies_as_json_csv_and_xlsx()
    {
        using var window = _node.Client("window", "qj-window");
        using var notary = _node.Client("officer", "qj-notary");
        using var hrss = _node.Client("officer", "qj-hrss");
        using var platform = _node.Client("integration", null, "qj-hrss");
        using var carrier = _node.Client("carrier");
        using var supervisor = _node.Client("supervisor");
        using var anyone = _node.Client();

        // F, 30 Sep (September): received, then withdrawn on 12 Oct. T1: a complaint to the notary, answered on 12 Oct.
        await ClockAt(China(9, 30, 20));
        var f = (await Submit(window, Application("1-1", QijiangId, original: true))).Text("caseId");
        var t1 = await OpenTicket(window, "qj-notary");

        // 12 Oct. A: 学历公证 with an original, mailed to the notary and signed; accepted and approved.
        await ClockAt(China(10, 12, 10));
        Expect(await window.Post($"/api/v1/cases/{f}/withdrawal", new { reason = "不办了" }), HttpStatusCode.OK);
        await Reply(notary, t1);
        var aCreated = await Submit(window, Application("1-1", QijiangId, original: true));
        var a = aCreated.Text("caseId");
        Expect(await window.Post($"/api/v1/cases/{a}/form-review", new { passed = true }), HttpStatusCode.OK);
        Expect(await window.Post($"/api/v1/cases/{a}/identity-verification", new { method = "face", passed = true }), HttpStatusCode.OK);
        var originals = Waybill();
        Expect(await window.Post($"/api/v1/cases/{a}/mailings", new { purpose = "originals", carrier = "EMS", waybillNumber = originals }), HttpStatusCode.OK);
        Expect(await carrier.Post("/api/v1/carrier/events", new { waybillNumber = originals, status = "signed", at = China(10, 12, 11), signedBy = "公证处" }),
            HttpStatusCode.Accepted);
        await ModeFlowTests.Eventually(() => notary.Get($"/api/v1/cases/{a}"), r => r.Text("originalsReceived") == "true");
        Expect(await notary.Post($"/api/v1/cases/{a}/legs/leg1/acceptance", new { accepted = true }), HttpStatusCode.OK);
        Expect(await notary.Post($"/api/v1/cases/{a}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate }), HttpStatusCode.OK);
        // B: forwarded (its originals never go out: withdrawn first); C: 1-6, not accepted at the window.
        var b = await ReceiveAndForward(window, Application("1-1", QijiangId, original: true));
        var cCreated = await Submit(window, Application("1-6", QijiangId));
        var c = cCreated.Text("caseId");
        var cUnit = cCreated.Text("legs.0.unitId");
        Assert.NotEqual("qj-window", cUnit);
        Expect(await window.Post($"/api/v1/cases/{c}/not-accepted", new { reason = "不属于受理范围" }), HttpStatusCode.OK);

        // 13 Oct. B returned by the notary, then withdrawn. D: online 1-15 at qj-hrss, accepted, approved, sent electronically.
        await ClockAt(China(10, 13, 10));
        Expect(await notary.Post($"/api/v1/cases/{b}/legs/leg1/acceptance", new { accepted = false, reason = "材料不全" }), HttpStatusCode.OK);
        var t2 = await OpenTicket(window, "qj-notary"); // T2: answered the next day
        Expect(await window.Post($"/api/v1/cases/{b}/withdrawal", new { reason = "申请人撤回" }), HttpStatusCode.OK);
        var dCreated = await Submit(platform,
            Application("1-15", QijiangId, mode: "online", channel: "online", receivingUnitId: null, delivery: "electronic"));
        var d = dCreated.Text("caseId");
        Assert.Equal("qj-hrss", dCreated.Text("legs.0.unitId"));
        Expect(await hrss.Post($"/api/v1/cases/{d}/legs/leg1/acceptance", new { accepted = true }), HttpStatusCode.OK);
        Expect(await hrss.Post($"/api/v1/cases/{d}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate }), HttpStatusCode.OK);
        Expect(await hrss.Post($"/api/v1/cases/{d}/result-delivery", new { method = "electronic", url = "https://zwfw.example/r/88" }), HttpStatusCode.OK);

        // 14 Oct. A's result mailed by the notary and signed: completed (2 working days), rated 非常不满意 (qj-window, the
        // unit the applicant dealt with).
        await ClockAt(China(10, 14, 10));
        await Reply(notary, t2);
        var result = Waybill();
        Expect(await notary.Post($"/api/v1/cases/{a}/result-delivery", new { method = "mail", waybillNumber = result, carrier = "EMS" }), HttpStatusCode.OK);
        Expect(await carrier.Post("/api/v1/carrier/events", new { waybillNumber = result, status = "signed", at = China(10, 14, 11), signedBy = "李四" }),
            HttpStatusCode.Accepted);
        await ModeFlowTests.Eventually(() => window.Get($"/api/v1/cases/{a}"), r => r.Text("status") == "completed");
        await Rate(anyone, aCreated, "very-dissatisfied", "等了很久");

        // 15 Oct. D collected: completed (2 working days), rated 满意 (qj-hrss). E: forwarded to the notary, its originals
        // handed over, its acceptance left waiting.
        await ClockAt(China(10, 15, 10));
        Expect(await hrss.Post($"/api/v1/cases/{d}/result-collected"), HttpStatusCode.OK);
        await Rate(anyone, dCreated, "satisfied");
        var e = await ReceiveAndForward(window, Application("1-1", QijiangId, original: true));
        Expect(await notary.Post($"/api/v1/cases/{e}/originals-received"), HttpStatusCode.OK); // handed over: no mail-out deadline left

        // 20 Oct. A's bad rating rectified in time. E's acceptance (due 19 Oct) is missed by now.
        await ClockAt(China(10, 20, 10));
        Expect(await window.Post($"/api/v1/cases/{a}/rectification", new { note = "已整改并回访" }), HttpStatusCode.OK);
        await OpenTicket(window, "qj-notary"); // T3: not answered this month
        await ModeFlowTests.Eventually(() => window.Get($"/api/v1/cases/{e}"),
            r => r.Body!["timeline"]!.AsArray().Any(t => t!["type"]!.GetValue<string>() == "overdue"));

        // 21 Oct. The overdue list (read model) shows E's acceptance, 2 working days over (20 and 21 Oct); then the
        // notary accepts late, and it leaves the list.
        await ClockAt(China(10, 21, 10));
        var overdue = await CaseSearchTests.Until(notary, "/api/v1/units/qj-notary/overdue",
            r => r.Body!["items"]!.AsArray().Any(i => i!["caseId"]!.GetValue<string>() == e && i["missed"]!.GetValue<bool>()));
        var late = overdue.Body!["items"]!.AsArray().Single(i => i!["caseId"]!.GetValue<string>() == e)!;
        Assert.Equal(("acceptance", "2026-10-19", 2, true), (late["step"]!.GetValue<string>(), late["due"]!.GetValue<string>(),
            late["daysOver"]!.GetValue<int>(), late["missed"]!.GetValue<bool>()));
        Assert.Contains((await supervisor.Get("/api/v1/overdue")).Body!["items"]!.AsArray(), i => i!["caseId"]!.GetValue<string>() == e);
        Expect(await notary.Get("/api/v1/overdue"), HttpStatusCode.Forbidden);
        Expect(await window.Get("/api/v1/units/qj-notary/overdue"), HttpStatusCode.Forbidden);
        Expect(await notary.Post($"/api/v1/cases/{e}/legs/leg1/acceptance", new { accepted = true }), HttpStatusCode.OK);
        await CaseSearchTests.Until(notary, "/api/v1/units/qj-notary/overdue",
            r => r.Body!["items"]!.AsArray().All(i => i!["caseId"]!.GetValue<string>() != e));

        // The worklist (read model): E's leg is open at the notary; B (withdrawn) and A (decided) are not.
        var worklist = await CaseSearchTests.Until(notary, "/api/v1/units/qj-notary/worklist",
            r => r.Body!["legs"]!.AsArray().Any(l => l!["caseId"]!.GetValue<string>() == e && l["status"]!.GetValue<string>() == "accepted"));
        var legs = worklist.Body!["legs"]!.AsArray().Select(l => l!["caseId"]!.GetValue<string>()).ToList();
        Assert.Equal([e], legs);

        // ---- the ledger of October, as the script implies -------------------------------------------------------
        var expected = new Dictionary<string, Dictionary<string, long>>
        {
            ["item qj-notary 1-1 proxy"] = new()
            {
                ["accepted"] = 2, ["returned"] = 1, ["approved"] = 1, ["completed"] = 1, ["completionWorkingDays"] = 2, ["withdrawn"] = 2,
                ["inProgress"] = 1, ["overdue"] = 1, ["mailingsSent"] = 1, ["mailingsSigned"] = 1, ["receivedByOthers"] = 3,
            },
            ["item qj-window 1-1 proxy"] = new()
            {
                ["received"] = 3, ["forwarded"] = 3, ["completed"] = 1, ["completionWorkingDays"] = 2, ["withdrawn"] = 2, ["inProgress"] = 1,
                ["mailingsSent"] = 1, ["mailingsSigned"] = 1, ["ratedVeryDissatisfied"] = 1, ["badRatings"] = 1, ["rectified"] = 1,
                ["rectifiedInTime"] = 1, ["receivedForOthers"] = 3,
            },
            ["item qj-window 1-6 proxy"] = new() { ["received"] = 1, ["notAccepted"] = 1, ["receivedForOthers"] = 1 },
            [$"item {cUnit} 1-6 proxy"] = new() { ["receivedByOthers"] = 1 },
            // Tickets have no item: T2 and T3 opened, T1 and T2 answered in October.
            ["item qj-notary  "] = new() { ["ticketsOpened"] = 2, ["ticketsAnswered"] = 2 },
            ["item qj-hrss 1-15 online"] = new()
            {
                ["received"] = 1, ["forwarded"] = 1, ["accepted"] = 1, ["approved"] = 1, ["completed"] = 1, ["completionWorkingDays"] = 2,
                ["ratedSatisfied"] = 1,
            },
        };
        var units = expected.Keys.Select(k => k.Split(' ')[1]).Distinct().ToList();
        foreach (var unit in units)
            expected[$"unit {unit}  "] = Sum(expected.Where(p => p.Key.StartsWith($"item {unit} ", StringComparison.Ordinal)).Select(p => p.Value));
        expected["total   "] = Sum(expected.Where(p => p.Key.StartsWith("item ", StringComparison.Ordinal)).Select(p => p.Value));

        // The late acceptance of E is the last case event, T3 the last ticket event (another projection): once they
        // count, everything before them does.
        var ledger = await CaseSearchTests.Until(supervisor, "/api/v1/ledger?month=2026-10",
            r => r.Body!["rows"]!.AsArray().Any(row => Key(row!) == "item qj-notary 1-1 proxy" && Figures(row!)["accepted"] == 2)
                 && r.Body!["rows"]!.AsArray().Any(row => Key(row!) == "item qj-notary  " && Figures(row!)["ticketsOpened"] == 2));
        var rows = ledger.Body!["rows"]!.AsArray().Select(r => r!).ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), rows.Select(Key).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            var want = expected[Key(row)];
            foreach (var (figure, value) in Figures(row))
                Assert.True(want.GetValueOrDefault(figure) == value, $"{Key(row)} {figure}: expected {want.GetValueOrDefault(figure)}, got {value}");
        }
        Assert.Equal(2.0, rows.Single(r => Key(r) == "item qj-hrss 1-15 online")["averageWorkingDays"]!.GetValue<double>());
        Assert.Equal("total   ", Key(rows[^1]));
        Assert.Equal(("学历公证", "区公证处"), (rows.First(r => Key(r) == "item qj-notary 1-1 proxy")["itemName"]!.GetValue<string>(),
            rows.First(r => Key(r) == "item qj-notary 1-1 proxy")["unitName"]!.GetValue<string>()));

        // September: only F's receipt, still in progress at that month's end.
        var september = await supervisor.Get("/api/v1/ledger?month=2026-09&unitId=qj-window");
        Expect(september, HttpStatusCode.OK);
        var sept = Figures(september.Body!["rows"]!.AsArray().Single(r => Key(r!) == "item qj-window 1-1 proxy")!);
        Assert.Equal((1, 1, 0, 1), (sept["received"], sept["inProgress"], sept["withdrawn"], sept["receivedForOthers"]));

        // An officer reads its own unit's ledger (the default), the same figures.
        var own = await notary.Get("/api/v1/ledger?month=2026-10");
        Expect(own, HttpStatusCode.OK);
        Assert.Equal("qj-notary", own.Text("unitId"));
        Assert.Equal(["item qj-notary 1-1 proxy", "item qj-notary  ", "unit qj-notary  ", "total   "], own.Body!["rows"]!.AsArray().Select(r => Key(r!)));
        Assert.Equal(expected["unit qj-notary  "].Where(p => p.Value != 0).OrderBy(p => p.Key),
            Figures(own.Body!["rows"]![2]!).Where(p => p.Value != 0).OrderBy(p => p.Key));

        await FilesCarryTheJsonRows(supervisor, rows);
    }

    private static Dictionary<string, long> Sum(IEnumerable<Dictionary<string, long>> rows)
    {
        var sum = new Dictionary<string, long>();
        foreach (var row in rows)
        foreach (var (k, v) in row)
            sum[k] = sum.GetValueOrDefault(k) + v;
        return sum;
    }

    /// <summary>CSV (BOM, Chinese headers) and xlsx (read back with MiniExcel) hold the same rows, and those are the JSON rows.</summary>
    private static async Task FilesCarryTheJsonRows(ApiClient supervisor, IReadOnlyList<JsonNode> jsonRows)
    {
        var csv = await supervisor.GetBytes("/api/v1/ledger?month=2026-10&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.Status);
        Assert.StartsWith("text/csv", csv.ContentType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv.Bytes[..3]);
        var csvRows = new List<string[]>();
        using (var reader = CsvReader.Create(csv.Bytes, new CsvReaderOptions { HasHeader = false }))
            while (reader.Read())
                csvRows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        var headers = csvRows[0];
        Assert.Equal(["层级", "单位编码", "单位", "事项编码", "事项名称", "办理模式", "收件", "转办", "受理", "退回"], headers[..10]);
        Assert.Contains("办结", headers);
        Assert.Contains("代其他办理点收件", headers);
        Assert.Contains("其他办理点代本办理点收件", headers);

        var xlsx = await supervisor.GetBytes("/api/v1/ledger?month=2026-10&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.Status);
        using var stream = new MemoryStream(xlsx.Bytes);
        Assert.Equal(["台账 2026-10"], stream.GetSheetNames());
        var sheet = stream.Query(useHeaderRow: false, sheetName: "台账 2026-10").Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => v switch
            {
                null => "",
                double n => n.ToString(CultureInfo.InvariantCulture),
                _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
            }).ToArray())
            .ToList();
        Assert.Equal(csvRows.Count, sheet.Count);
        for (var i = 0; i < csvRows.Count; i++) Assert.Equal(csvRows[i], sheet[i]);

        // Same rows as JSON: row for row, every figure and name (level and mode are spelled in Chinese in the files).
        Assert.Equal(jsonRows.Count, csvRows.Count - 1);
        Assert.Equal(["合计"], csvRows[^1][..1]);
        var keys = jsonRows[0].AsObject().Select(p => p.Key).ToList();
        Assert.Equal(headers.Length, keys.Count);
        for (var i = 0; i < jsonRows.Count; i++)
        for (var k = 0; k < keys.Count; k++)
        {
            if (keys[k] is "level" or "mode") continue;
            var json = jsonRows[i][keys[k]];
            var text = json is null ? "" : json.GetValueKind() == System.Text.Json.JsonValueKind.Number
                ? json.GetValue<decimal>().ToString(CultureInfo.InvariantCulture) : json.GetValue<string>();
            Assert.True(text == csvRows[i + 1][k], $"row {i} {keys[k]}: json {text}, csv {csvRows[i + 1][k]}");
        }
        Assert.Contains(csvRows, r => r[0] == "明细" && r[5] == "全程网办");
        Assert.Contains(csvRows, r => r[0] == "单位小计" && r[1] == "qj-window");
    }

    [Fact]
    public async Task Ledger_access_supervisor_all_officers_and_windows_their_own_unit_others_403_bad_input_400()
    {
        using var supervisor = _node.Client("supervisor");
        using var notary = _node.Client("officer", "qj-notary");
        using var window = _node.Client("window", "qj-window");
        Expect(await supervisor.Get("/api/v1/ledger?month=2026-10"), HttpStatusCode.OK);
        Expect(await supervisor.Get("/api/v1/ledger?month=2026-10&unitId=qj-window"), HttpStatusCode.OK);
        Expect(await notary.Get("/api/v1/ledger?month=2026-10&unitId=qj-notary"), HttpStatusCode.OK);
        var mine = await window.Get("/api/v1/ledger?month=2026-10");
        Expect(mine, HttpStatusCode.OK);
        Assert.Equal("qj-window", mine.Text("unitId"));
        // A unit with nothing that month still gets its (zero) subtotal row, and the total.
        Assert.Equal(["unit", "total"], mine.Body!["rows"]!.AsArray().Select(r => r!["level"]!.GetValue<string>()));

        var foreign = await notary.Get("/api/v1/ledger?month=2026-10&unitId=qj-window");
        Expect(foreign, HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", foreign.Code);
        Assert.Equal(HttpStatusCode.Forbidden, (await notary.GetBytes("/api/v1/ledger?month=2026-10&unitId=qj-window&format=xlsx")).Status);
        foreach (var (role, units) in new[] { ("operator", Array.Empty<string>()), ("carrier", []), ("integration", ["qj-hrss"]) })
        {
            using var other = _node.Client(role, null, units);
            Expect(await other.Get("/api/v1/ledger?month=2026-10"), HttpStatusCode.Forbidden);
        }
        Expect(await _node.Client().Get("/api/v1/ledger?month=2026-10"), HttpStatusCode.Unauthorized);

        foreach (var month in new[] { "", "2026-13", "2026-1", "202610", "2026-10-01", "abc" })
        {
            var bad = await supervisor.Get($"/api/v1/ledger?month={month}");
            Expect(bad, HttpStatusCode.BadRequest);
            Assert.Equal("validation-failed", bad.Code);
            Assert.NotNull(bad.Body!["errors"]!["month"]);
        }
        var format = await supervisor.Get("/api/v1/ledger?month=2026-10&format=pdf");
        Expect(format, HttpStatusCode.BadRequest);
        Assert.NotNull(format.Body!["errors"]!["format"]);
        Expect(await supervisor.Get("/api/v1/ledger?month=2026-10&unitId=no-such-unit"), HttpStatusCode.NotFound);
    }
}
