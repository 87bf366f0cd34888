using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>Every role × every case endpoint × own / other unit: 403 exactly where API.md says a caller may not act,
/// never 401 with a valid token, never a 5xx.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(ApiNode node)
{
    /// <summary>The callers, named by what they are to a proxy case received at qj-window whose leg is at qj-hrss.</summary>
    private static readonly (string Name, string Role, string? Unit, string[] Units)[] Callers =
    [
        ("window-own", "window", "qj-window", []),
        ("window-other", "window", "town-500110001", []),
        ("officer-own", "officer", "qj-hrss", []),
        ("officer-other", "officer", "qj-notary", []),
        ("integration-receiving", "integration", null, ["qj-window"]),
        ("integration-home", "integration", null, ["qj-hrss"]),
        ("integration-other", "integration", null, ["qj-notary"]),
        ("carrier", "carrier", null, []),
        ("supervisor", "supervisor", null, []),
        ("operator", "operator", null, []),
    ];

    private static readonly string[] Receiving = ["window-own", "integration-receiving"];
    private static readonly string[] Home = ["officer-own", "integration-home"];
    private static readonly string[] Involved = [.. Receiving, .. Home];

    /// <summary>Endpoint, body (refused or harmless after the authorization check where possible), who may.</summary>
    private static readonly (string Method, string Path, object? Body, string[] Allowed)[] Endpoints =
    [
        ("GET", "", null, [.. Involved, "supervisor", "operator"]),
        ("POST", "/form-review", new { passed = false, missing = Array.Empty<string>() }, Receiving),
        ("POST", "/supplement", new { materials = Array.Empty<object>() }, Receiving),
        ("POST", "/identity-verification", new { method = "face", passed = false }, Receiving),
        ("POST", "/not-accepted", new { reason = " " }, Receiving),
        ("POST", "/withdrawal", new { reason = " " }, Receiving),
        ("POST", "/rating", new { level = "satisfied" }, Receiving),
        ("POST", "/legs/leg1/acceptance", new { accepted = true }, Home),
        ("POST", "/legs/leg1/decision", new { outcome = "approved" }, Home),
        ("POST", "/suspension", new { kind = "other", reason = " " }, Home),
        ("POST", "/resumption", null, Home),
        ("POST", "/originals-received", null, Home),
        ("POST", "/mailings", new { purpose = "result", carrier = "EMS", waybillNumber = "EA123456785CN" }, Involved),
        ("POST", "/result-delivery", new { method = "pickup" }, Involved),
        ("POST", "/result-collected", null, Involved),
        ("POST", "/rectification", new { note = "x" }, []),
    ];

    [Fact]
    public async Task Each_role_reaches_exactly_the_case_steps_of_its_unit()
    {
        using var window = node.Client("window", "qj-window");
        var created = await window.Post("/api/v1/cases", Application("1-6", QijiangId), Guid.NewGuid().ToString());
        Expect(created, HttpStatusCode.Created);
        var id = created.Text("caseId");

        var wrong = new List<string>();
        foreach (var (method, path, body, allowed) in Endpoints)
        foreach (var (name, role, unit, units) in Callers)
        {
            using var client = node.Client(role, unit, units);
            var url = $"/api/v1/cases/{id}{path}";
            var response = method == "GET" ? await client.Get(url) : await client.Post(url, body ?? new { });
            var may = allowed.Contains(name);
            if ((int)response.Status >= 500 || response.Status == HttpStatusCode.Unauthorized || (response.Status == HttpStatusCode.Forbidden) == may)
                wrong.Add($"{name} {method} {path}: {(may ? "should be allowed" : "should be 403")}, got {response}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task An_unknown_case_is_404_for_every_caller_and_step_before_anything_else_is_checked()
    {
        const string unknown = "0000000000000000";
        var wrong = new List<string>();
        foreach (var (method, path, body, _) in Endpoints.Append(("POST", "/mailings", new { purpose = "result", carrier = "EMS", waybillNumber = "EA123456789CN" }, [])))
        foreach (var (name, role, unit, units) in Callers)
        {
            using var client = node.Client(role, unit, units);
            var url = $"/api/v1/cases/{unknown}{path}";
            var response = method == "GET" ? await client.Get(url) : await client.Post(url, body ?? new { });
            if (response.Status != HttpStatusCode.NotFound || response.Code != "not-found" || response.Text("detail") != $"Case {unknown} was not found.")
                wrong.Add($"{name} {method} {path}: should be 404 naming the case, got {response}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task A_caller_who_may_not_take_a_step_is_told_so_before_the_body_is_checked()
    {
        using var window = node.Client("window", "qj-window");
        var created = await window.Post("/api/v1/cases", Application("1-6", QijiangId), Guid.NewGuid().ToString());
        var id = created.Text("caseId");
        var badWaybill = new { purpose = "result", carrier = "EMS", waybillNumber = "EA123456789CN" };

        using var otherWindow = node.Client("window", "town-500110001");
        var forbidden = await otherWindow.Post($"/api/v1/cases/{id}/mailings", badWaybill);
        Expect(forbidden, HttpStatusCode.Forbidden);
        Assert.Equal($"A window of town-500110001 may not take this step on case {id}.", forbidden.Text("detail"));
        using var carrier = node.Client("carrier");
        var byCarrier = await carrier.Post($"/api/v1/cases/{id}/result-delivery", new { method = "mail", waybillNumber = "x" });
        Expect(byCarrier, HttpStatusCode.Forbidden);
        Assert.Equal($"A carrier of no unit may not take this step on case {id}.", byCarrier.Text("detail"));
        using var twoUnits = node.Client("integration", null, "qj-notary", "town-500110001");
        var byTwo = await twoUnits.Post($"/api/v1/cases/{id}/form-review", new { passed = true });
        Assert.Equal($"A integration of qj-notary,town-500110001 may not take this step on case {id}.", byTwo.Text("detail"));

        var invalid = await window.Post($"/api/v1/cases/{id}/result-delivery", new { method = "mail", waybillNumber = "EA123456789CN" });
        Expect(invalid, HttpStatusCode.BadRequest);
        Assert.NotNull(invalid.Navigate("errors.waybillNumber"));
        var invalidMailing = await window.Post($"/api/v1/cases/{id}/mailings", badWaybill);
        Expect(invalidMailing, HttpStatusCode.BadRequest);
        Assert.Contains("check digit", invalidMailing.Text("errors.waybillNumber.0"));
    }

    [Fact]
    public async Task A_leg_is_decided_by_its_own_unit_and_any_leg_unit_may_suspend()
    {
        using var op = node.Client("operator");
        var registered = await op.Post("/api/v1/units",
            new { name = "四川省社会保险事业管理局", region = "510000", level = "external", kind = "department", items = new[] { "1-7" } });
        var sichuan = registered.Text("id");
        using var window = node.Client("window", "qj-window");
        var id = await ReceiveAndForward(window, Application("1-7", IdNumber("51010719880305002"), mode: "joint", counterpartRegion: "510107"));
        using var transferOut = node.Client("officer", sichuan);
        using var transferIn = node.Client("integration", null, "qj-notary", "qj-hrss");

        Expect(await transferOut.Post($"/api/v1/cases/{id}/legs/leg1/acceptance", new { accepted = true }), HttpStatusCode.Forbidden);
        Expect(await transferOut.Post($"/api/v1/cases/{id}/legs/leg1/decision", new { outcome = "approved" }), HttpStatusCode.Forbidden);
        Expect(await transferIn.Post($"/api/v1/cases/{id}/legs/leg2/acceptance", new { accepted = true }), HttpStatusCode.Forbidden);
        Expect(await transferIn.Post($"/api/v1/cases/{id}/legs/leg9/acceptance", new { accepted = true }), HttpStatusCode.Forbidden);
        var accepted = await transferIn.Post($"/api/v1/cases/{id}/legs/leg1/acceptance", new { accepted = true });
        Expect(accepted, HttpStatusCode.OK);
        // An integration acting for several units is recorded as the one that takes part in the case.
        Assert.Contains(accepted.Navigate("timeline")!.AsArray(), t => t!["type"]!.ToString() == "leg-accepted" && t["by"]!.ToString().EndsWith("@qj-hrss", StringComparison.Ordinal));
        Assert.Equal("validation-failed", (await transferOut.Post($"/api/v1/cases/{id}/suspension", new { kind = "other", reason = " " })).Code);
        Assert.Equal("validation-failed", (await transferOut.Post($"/api/v1/cases/{id}/mailings",
            new { purpose = "result", carrier = "EMS", waybillNumber = "EA123456789CN" })).Code);
    }

    [Fact]
    public async Task Only_the_rated_unit_records_the_rectification_and_sees_what_its_role_may_see()
    {
        using var window = node.Client("window", "qj-window");
        using var hrss = node.Client("officer", "qj-hrss");
        var id = await ReceiveAndForward(window, Application("1-6", QijiangId, name: "李四"));
        Expect(await hrss.Post($"/api/v1/cases/{id}/legs/leg1/acceptance", new { accepted = true }), HttpStatusCode.OK);
        Expect(await hrss.Post($"/api/v1/cases/{id}/legs/leg1/decision", new { outcome = "approved", resultDocument = new { title = "决定书", number = "QJ-2026-777" } }), HttpStatusCode.OK);
        Expect(await window.Post($"/api/v1/cases/{id}/result-delivery", new { method = "pickup" }), HttpStatusCode.OK);
        Expect(await window.Post($"/api/v1/cases/{id}/result-collected"), HttpStatusCode.OK);
        Expect(await window.Post($"/api/v1/cases/{id}/rating", new { level = "dissatisfied", comment = "排队太久" }), HttpStatusCode.OK);

        (string Name, string Role, string? Unit, string[] Units)[] callers = [.. Callers, ("officer-of-the-rated-window", "officer", "qj-window", [])];
        string[] allowed = [.. Receiving, "officer-of-the-rated-window"];
        var wrong = new List<string>();
        foreach (var (name, role, unit, units) in callers)
        {
            using var client = node.Client(role, unit, units);
            var response = await client.Post($"/api/v1/cases/{id}/rectification", new { note = " " });
            var may = allowed.Contains(name);
            if ((response.Status == HttpStatusCode.Forbidden) == may || (may && response.Code != "validation-failed"))
                wrong.Add($"{name}: {(may ? "should reach the rule on the note" : "should be 403")}, got {response}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));

        using var rated = node.Client("officer", "qj-window");
        var rectified = await rated.Post($"/api/v1/cases/{id}/rectification", new { note = "增设取号机并电话回访" });
        Expect(rectified, HttpStatusCode.OK);
        Assert.Equal("李*", rectified.Text("applicant.name")); // an officer of the window unit is not involved in the case
        Assert.Equal("李四", (await window.Get($"/api/v1/cases/{id}")).Text("applicant.name"));
    }

    [Fact]
    public async Task Only_windows_and_integrations_of_the_receiving_unit_submit_and_only_carriers_post_tracking()
    {
        foreach (var (name, role, unit, units) in Callers)
        {
            using var client = node.Client(role, unit, units);
            var submitted = await client.Post("/api/v1/cases", Application("1-6", QijiangId, channel: role == "integration" ? "integration" : "window"));
            var may = name is "window-own" or "integration-receiving";
            Assert.True((submitted.Status == HttpStatusCode.Created) == may && (submitted.Status == HttpStatusCode.Forbidden) == !may, $"{name}: {submitted}");

            var tracked = await client.Post("/api/v1/carrier/events", new { waybillNumber = "RR000000005CN", status = "in-transit", at = DateTimeOffset.Now });
            Assert.True((tracked.Status == HttpStatusCode.Forbidden) == (role != "carrier"), $"{name}: {tracked}");
        }
    }

    [Fact]
    public async Task Personal_data_is_whole_for_the_units_of_the_case_and_supervisors_and_masked_for_others()
    {
        using var window = node.Client("window", "qj-window");
        var created = await window.Post("/api/v1/cases", Application("1-6", QijiangId, name: "张三丰"), Guid.NewGuid().ToString());
        var id = created.Text("caseId");
        Assert.Equal(QijiangId, created.Text("applicant.idNumber"));
        using var supervisor = node.Client("supervisor");
        Assert.Equal("张三丰", (await supervisor.Get($"/api/v1/cases/{id}")).Text("applicant.name"));
        using var op = node.Client("operator");
        var masked = await op.Get($"/api/v1/cases/{id}");
        Assert.Equal("张**", masked.Text("applicant.name"));
        Assert.Equal("138****8000", masked.Text("applicant.phone"));
        Assert.Equal(QijiangId[..6] + "********" + QijiangId[^4..], masked.Text("applicant.idNumber"));
        Assert.DoesNotContain(QijiangId, masked.Body!.ToJsonString());

        var number = created.Text("caseNumber");
        var code = created.Text("queryCode");
        using var anonymous = node.Client();
        var lookup = await anonymous.Get($"/api/v1/public/cases/{number}?queryCode={code}");
        Assert.Equal(HttpStatusCode.OK, lookup.Status);
        Assert.Equal("张**", lookup.Text("applicant.name"));
        Assert.DoesNotContain(QijiangId, lookup.Body!.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Get($"/api/v1/public/cases/{number}?queryCode={(code == "000000" ? "000001" : "000000")}")).Status);
    }
}
