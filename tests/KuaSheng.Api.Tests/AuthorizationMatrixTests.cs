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
