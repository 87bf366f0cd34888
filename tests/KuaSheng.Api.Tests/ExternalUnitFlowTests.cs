using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>Flows that cross the province line: units of other places registered at run time (POST /units).</summary>
[Collection(ApiCollection.Name)]
public sealed class ExternalUnitFlowTests(ApiNode node)
{
    private static readonly object Certificate = new { title = "决定书", number = "QJ-2026-002" };

    private async Task<string> Register(object unit)
    {
        using var op = node.Client("operator");
        var created = await op.Post("/api/v1/units", unit);
        Assert.True(created.Status is HttpStatusCode.Created or HttpStatusCode.OK, created.ToString());
        return created.Text("id");
    }

    private static string S10(int serial)
    {
        var digits = serial.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        return "EA" + digits + KuaSheng.Domain.Validation.WaybillNumber.ComputeS10CheckDigit(digits) + "CN";
    }

    [Fact]
    public async Task A_proxy_case_goes_to_the_home_unit_of_another_province_and_its_mailed_result_completes_on_signature()
    {
        var tongzi = await Register(new { name = "桐梓县人力资源和社会保障局", region = "520322", level = "external", kind = "department", items = new[] { "1-16" } });
        using var window = node.Client("window", "qj-window");
        using var home = node.Client("integration", null, tongzi);
        using var carrier = node.Client("carrier");

        var id = await ReceiveAndForward(window, Application("1-16", TongziId, delivery: "mail", address: "贵州省桐梓县娄山关街道1号"));
        var view = await window.Get($"/api/v1/cases/{id}");
        Assert.Equal(tongzi, view.Text("legs.0.unitId"));

        Expect(await home.Post($"/api/v1/cases/{id}/legs/leg1/acceptance", new { accepted = true }), HttpStatusCode.OK);
        Expect(await home.Post($"/api/v1/cases/{id}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate }), HttpStatusCode.OK);
        var waybill = S10(Random.Shared.Next(1, 99_999_999));
        var delivering = await home.Post($"/api/v1/cases/{id}/result-delivery", new { method = "mail", carrier = "EMS", waybillNumber = waybill });
        Expect(delivering, HttpStatusCode.OK);
        Assert.Equal("delivering", delivering.Text("status"));

        var at = DateTimeOffset.Now;
        Expect(await carrier.Post("/api/v1/carrier/events", new { waybillNumber = waybill, status = "picked-up", at }), HttpStatusCode.Accepted);
        Expect(await carrier.Post("/api/v1/carrier/events", new { waybillNumber = waybill, status = "signed", at = at.AddDays(2), signedBy = "张三" }), HttpStatusCode.Accepted);
        var done = await ModeFlowTests.Eventually(() => window.Get($"/api/v1/cases/{id}"), r => r.Text("status") == "completed");
        Assert.Equal("completed", done.Text("status"));
        Assert.Equal("signed", done.Text("mailings.0.status"));
    }

    [Fact]
    public async Task A_pension_transfer_has_the_transfer_in_unit_here_and_the_transfer_out_unit_elsewhere()
    {
        var sichuan = await Register(new { name = "四川省社会保险事业管理局", region = "510000", level = "external", kind = "department", items = new[] { "1-7" } });
        using var window = node.Client("window", "qj-window");
        using var hrss = node.Client("officer", "qj-hrss");
        using var outUnit = node.Client("integration", null, sichuan);
        var id = await ReceiveAndForward(window, Application("1-7", QijiangId, mode: "joint", region: "500110", counterpartRegion: "510107"));
        var view = await window.Get($"/api/v1/cases/{id}");
        Assert.Equal(("qj-hrss", "transfer-in"), (view.Text("legs.0.unitId"), view.Text("legs.0.role")));
        Assert.Equal((sichuan, "transfer-out"), (view.Text("legs.1.unitId"), view.Text("legs.1.role")));

        Expect(await hrss.Post($"/api/v1/cases/{id}/legs/leg1/acceptance", new { accepted = true }), HttpStatusCode.OK);
        Expect(await outUnit.Post($"/api/v1/cases/{id}/legs/leg2/acceptance", new { accepted = true }), HttpStatusCode.OK);
        Expect(await outUnit.Post($"/api/v1/cases/{id}/legs/leg2/decision", new { outcome = "approved", resultDocument = new { title = "转出联系函", number = "SC-1" } }), HttpStatusCode.OK);
        var decided = await hrss.Post($"/api/v1/cases/{id}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate });
        Expect(decided, HttpStatusCode.OK);
        Assert.Equal("decided", decided.Text("status"));
        Assert.Equal("approved", decided.Text("outcome"));
    }

    [Fact]
    public async Task A_case_received_by_another_provinces_window_goes_to_the_Qijiang_street_of_the_applicant()
    {
        var guizhouWindow = await Register(new { name = "桐梓县政务服务中心跨省通办窗口", region = "520322", level = "external", kind = "window", items = Array.Empty<string>() });
        using var integration = node.Client("integration", null, guizhouWindow);
        using var street = node.Client("officer", "town-500110002");
        var created = await integration.Post("/api/v1/cases",
            Application("1-6", QijiangId, channel: "integration", receivingUnitId: guizhouWindow, townCode: "500110002"), Guid.NewGuid().ToString());
        Expect(created, HttpStatusCode.Created);
        var id = created.Text("caseId");
        Assert.Equal("town-500110002", created.Text("legs.0.unitId"));

        Expect(await integration.Post($"/api/v1/cases/{id}/form-review", new { passed = true }), HttpStatusCode.OK);
        Expect(await integration.Post($"/api/v1/cases/{id}/identity-verification", new { method = "esign", passed = true }), HttpStatusCode.OK);
        Expect(await street.Post($"/api/v1/cases/{id}/legs/leg1/acceptance", new { accepted = true }), HttpStatusCode.OK);
        var decided = await street.Post($"/api/v1/cases/{id}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate });
        Expect(decided, HttpStatusCode.OK);

        var worklist = await street.Get("/api/v1/units/town-500110002/worklist");
        Assert.Equal(HttpStatusCode.OK, worklist.Status);
    }
}
