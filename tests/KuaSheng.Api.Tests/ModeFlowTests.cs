using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>One flow per mode and per kind of routing, end to end over HTTP on a real node.</summary>
[Collection(ApiCollection.Name)]
public sealed class ModeFlowTests(ApiNode node)
{
    private static readonly object Certificate = new { title = "决定书", number = "QJ-2026-001" };

    [Fact]
    public async Task An_online_case_goes_straight_to_its_unit_and_completes_with_an_electronic_result()
    {
        using var platform = node.Client("integration", null, "qj-hrss");
        using var hrss = node.Client("officer", "qj-hrss");
        var created = await platform.Post("/api/v1/cases",
            Application("1-15", QijiangId, mode: "online", channel: "online", receivingUnitId: null, delivery: "electronic"), Guid.NewGuid().ToString());
        Expect(created, HttpStatusCode.Created);
        Assert.Equal("forwarded", created.Text("status"));
        Assert.Equal("qj-hrss", created.Text("legs.0.unitId"));
        Assert.Matches("^[0-9]{6}$", created.Text("queryCode"));
        var id = created.Text("caseId");

        Expect(await hrss.Post($"/api/v1/cases/{id}/legs/leg1/acceptance", new { accepted = true }), HttpStatusCode.OK);
        Expect(await hrss.Post($"/api/v1/cases/{id}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate }), HttpStatusCode.OK);
        Expect(await hrss.Post($"/api/v1/cases/{id}/result-delivery", new { method = "electronic", url = "https://zwfw.example/r/1" }), HttpStatusCode.OK);
        var done = await hrss.Post($"/api/v1/cases/{id}/result-collected");
        Expect(done, HttpStatusCode.OK);
        Assert.Equal("completed", done.Text("status"));
    }

    [Fact]
    public async Task Originals_mailed_to_the_home_unit_gate_the_decision_until_the_carrier_reports_them_signed()
    {
        using var window = node.Client("window", "qj-window");
        using var notary = node.Client("officer", "qj-notary");
        using var carrier = node.Client("carrier");
        var id = await ReceiveAndForward(window, Application("1-2", QijiangId, original: true));
        var waybill = "EA" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        waybill += KuaSheng.Domain.Validation.WaybillNumber.ComputeS10CheckDigit(waybill.AsSpan(2)) + "CN";

        var mailing = await window.Post($"/api/v1/cases/{id}/mailings", new { purpose = "originals", carrier = "EMS", waybillNumber = waybill });
        Expect(mailing, HttpStatusCode.OK);
        Expect(await notary.Post($"/api/v1/cases/{id}/legs/leg1/acceptance", new { accepted = true }), HttpStatusCode.OK);
        Assert.Equal("illegal-transition",
            (await notary.Post($"/api/v1/cases/{id}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate })).Code);

        var at = DateTimeOffset.Now;
        Expect(await carrier.Post("/api/v1/carrier/events", new { waybillNumber = waybill, status = "signed", at = at.AddHours(20), signedBy = "綦江区公证处" }), HttpStatusCode.Accepted);
        Expect(await carrier.Post("/api/v1/carrier/events", new { waybillNumber = waybill, status = "in-transit", at = at.AddHours(2) }), HttpStatusCode.Accepted);
        var repeat = await carrier.Post("/api/v1/carrier/events", new { waybillNumber = waybill, status = "signed", at = at.AddHours(20), signedBy = "綦江区公证处" });
        Expect(repeat, HttpStatusCode.Accepted);
        Assert.Equal("true", repeat.Text("duplicate"));

        var state = await Eventually(() => notary.Get($"/api/v1/cases/{id}"), r => r.Text("originalsReceived") == "true");
        Assert.Equal("signed", state.Text("mailings.0.status"));
        Expect(await notary.Post($"/api/v1/cases/{id}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Law_qualification_is_reviewed_by_the_district_then_decided_by_the_city()
    {
        using var window = node.Client("window", "qj-window");
        using var district = node.Client("officer", "qj-justice");
        using var city = node.Client("officer", "cq-justice");
        var id = await ReceiveAndForward(window, Application("1-4", QijiangId, original: true));
        var view = await window.Get($"/api/v1/cases/{id}");
        Assert.Equal("qj-justice", view.Text("legs.0.unitId"));
        Assert.Equal("preliminary-review", view.Text("legs.0.role"));
        Assert.Equal("cq-justice", view.Text("legs.1.unitId"));
        Assert.Equal("pending", view.Text("legs.1.status"));

        Expect(await district.Post($"/api/v1/cases/{id}/legs/leg1/acceptance", new { accepted = true }), HttpStatusCode.OK);
        Expect(await district.Post($"/api/v1/cases/{id}/originals-received"), HttpStatusCode.OK);
        // The city cannot act before its leg is forwarded.
        Assert.Equal("illegal-transition", (await city.Post($"/api/v1/cases/{id}/legs/leg2/acceptance", new { accepted = true })).Code);
        var passed = await district.Post($"/api/v1/cases/{id}/legs/leg1/decision", new { outcome = "approved", reason = "初审通过" });
        Expect(passed, HttpStatusCode.OK);
        Assert.Equal("forwarded", passed.Text("legs.1.status"));

        Expect(await city.Post($"/api/v1/cases/{id}/legs/leg2/acceptance", new { accepted = true }), HttpStatusCode.OK);
        var decided = await city.Post($"/api/v1/cases/{id}/legs/leg2/decision", new { outcome = "approved", resultDocument = Certificate });
        Expect(decided, HttpStatusCode.OK);
        Assert.Equal("decided", decided.Text("status"));
    }

    [Fact]
    public async Task In_a_parallel_joint_review_one_denial_denies_the_case()
    {
        using var window = node.Client("window", "qj-window");
        using var civil = node.Client("officer", "qj-civil");
        using var federation = node.Client("officer", "qj-disabled");
        var id = await ReceiveAndForward(window, Application("2-10", QijiangId));
        Expect(await civil.Post($"/api/v1/cases/{id}/legs/leg1/acceptance", new { accepted = true }), HttpStatusCode.OK);
        Expect(await federation.Post($"/api/v1/cases/{id}/legs/leg2/acceptance", new { accepted = true }), HttpStatusCode.OK);
        // Each officer acts only on the leg of its own unit.
        Assert.Equal(HttpStatusCode.Forbidden, (await civil.Post($"/api/v1/cases/{id}/legs/leg2/decision", new { outcome = "approved" })).Status);
        var denied = await federation.Post($"/api/v1/cases/{id}/legs/leg2/decision", new { outcome = "denied", reason = "残疾等级不符合补贴条件" });
        Expect(denied, HttpStatusCode.OK);
        Assert.Equal("decided", denied.Text("status"));
        Assert.Equal("denied", denied.Text("outcome"));
        Assert.Equal("illegal-transition", (await civil.Post($"/api/v1/cases/{id}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate })).Code);
    }

    [Fact]
    public async Task A_failed_form_review_asks_for_every_missing_material_and_the_supplement_restarts_the_checks()
    {
        using var window = node.Client("window", "qj-window");
        var created = await window.Post("/api/v1/cases", Application("1-6", QijiangId), Guid.NewGuid().ToString());
        var id = created.Text("caseId");
        var failed = await window.Post($"/api/v1/cases/{id}/form-review", new { passed = false, missing = new[] { "户口簿", "委托书" }, note = "请一次补齐" });
        Expect(failed, HttpStatusCode.OK);
        Assert.Equal("supplement-requested", failed.Text("status"));
        // Identity can be verified while the materials are awaited; nothing is forwarded before the form passes.
        var verified = await window.Post($"/api/v1/cases/{id}/identity-verification", new { method = "face", passed = true });
        Assert.Equal("supplement-requested", verified.Text("status"));

        var supplied = await window.Post($"/api/v1/cases/{id}/supplement", new { materials = new[] { new { name = "户口簿", original = false }, new { name = "委托书", original = false } } });
        Expect(supplied, HttpStatusCode.OK);
        Assert.Equal("received", supplied.Text("status"));
        var forwarded = await window.Post($"/api/v1/cases/{id}/form-review", new { passed = true });
        Assert.Equal("forwarded", forwarded.Text("status"));
    }

    [Fact]
    public async Task A_suspension_stops_the_clock_and_a_second_one_is_refused_until_resumption()
    {
        using var window = node.Client("window", "qj-window");
        using var hrss = node.Client("officer", "qj-hrss");
        var id = await ReceiveAndForward(window, Application("1-5", QijiangId));
        Expect(await hrss.Post($"/api/v1/cases/{id}/legs/leg1/acceptance", new { accepted = true }), HttpStatusCode.OK);
        var suspended = await hrss.Post($"/api/v1/cases/{id}/suspension", new { kind = "other", reason = "需要实地核查", workingDays = 5 });
        Expect(suspended, HttpStatusCode.OK);
        Assert.Equal("suspended", suspended.Text("status"));
        Assert.Equal("illegal-transition", (await hrss.Post($"/api/v1/cases/{id}/suspension", new { kind = "other", reason = "again" })).Code);
        var resumed = await hrss.Post($"/api/v1/cases/{id}/resumption");
        Expect(resumed, HttpStatusCode.OK);
        Assert.Equal("accepted", resumed.Text("status"));
    }

    [Fact]
    public async Task A_withdrawn_case_takes_no_further_step()
    {
        using var window = node.Client("window", "qj-window");
        using var hrss = node.Client("officer", "qj-hrss");
        var id = await ReceiveAndForward(window, Application("1-5", QijiangId));
        var withdrawn = await window.Post($"/api/v1/cases/{id}/withdrawal", new { reason = "申请人不再需要" });
        Expect(withdrawn, HttpStatusCode.OK);
        Assert.Equal("withdrawn", withdrawn.Text("status"));
        Assert.Equal("illegal-transition", (await hrss.Post($"/api/v1/cases/{id}/legs/leg1/acceptance", new { accepted = true })).Code);
    }

    [Fact]
    public async Task A_bad_rating_opens_a_rectification_that_the_rated_unit_records()
    {
        using var window = node.Client("window", "qj-window");
        using var hrss = node.Client("officer", "qj-hrss");
        var id = await ReceiveAndForward(window, Application("1-6", QijiangId));
        Expect(await hrss.Post($"/api/v1/cases/{id}/legs/leg1/acceptance", new { accepted = true }), HttpStatusCode.OK);
        Expect(await hrss.Post($"/api/v1/cases/{id}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate }), HttpStatusCode.OK);
        Expect(await window.Post($"/api/v1/cases/{id}/result-delivery", new { method = "pickup" }), HttpStatusCode.OK);
        Expect(await window.Post($"/api/v1/cases/{id}/result-collected"), HttpStatusCode.OK);

        var noComment = await window.Post($"/api/v1/cases/{id}/rating", new { level = "very-dissatisfied" });
        Assert.Equal("validation-failed", noComment.Code);
        var rated = await window.Post($"/api/v1/cases/{id}/rating", new { level = "dissatisfied", comment = "排队太久", channel = "window" });
        Expect(rated, HttpStatusCode.OK);
        Assert.Equal("qj-window", rated.Text("rectification.unitId"));
        Assert.Equal(HttpStatusCode.Forbidden, (await hrss.Post($"/api/v1/cases/{id}/rectification", new { note = "x" })).Status);
        var rectified = await window.Post($"/api/v1/cases/{id}/rectification", new { note = "增设取号机并电话回访" });
        Expect(rectified, HttpStatusCode.OK);
        Assert.NotNull(rectified.Navigate("rectification.doneAt"));
    }

    internal static async Task<ApiClient.Response> Eventually(Func<Task<ApiClient.Response>> probe, Func<ApiClient.Response, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var response = await probe();
            if (response.Status == HttpStatusCode.OK && done(response) || DateTime.UtcNow > until) return response;
            await Task.Delay(200);
        }
    }
}
