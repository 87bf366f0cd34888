using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class UnitsTests(ApiNode node)
{
    [Fact]
    public async Task Units_are_found_by_level_region_and_text()
    {
        using var window = node.Client("window", "qj-window");
        var districts = await window.Get("/api/v1/units?level=district");
        Expect(districts, HttpStatusCode.OK);
        var units = districts.Body!["units"]!.AsArray();
        Assert.All(units, u => Assert.Equal("district", u!["level"]!.GetValue<string>()));
        var notary = Assert.Single(units, u => u!["id"]!.GetValue<string>() == "qj-notary")!;
        Assert.Equal("区公证处", notary["name"]!.GetValue<string>());
        Assert.Equal("500110", notary["region"]!.GetValue<string>());
        Assert.Equal("department", notary["kind"]!.GetValue<string>());

        var qijiang = await window.Get("/api/v1/units?region=500110&level=town");
        Assert.NotEmpty(qijiang.Body!["units"]!.AsArray());
        Assert.All(qijiang.Body!["units"]!.AsArray(), u => Assert.StartsWith("500110", u!["region"]!.GetValue<string>()));

        var police = await window.Get("/api/v1/units?q=派出所");
        Assert.All(police.Body!["units"]!.AsArray(), u => Assert.Equal("qj-police", u!["parentId"]!.GetValue<string>()));

        var one = await window.Get("/api/v1/units/qj-notary");
        Expect(one, HttpStatusCode.OK);
        Assert.Contains(one.Body!["items"]!.AsArray(), i => i!.GetValue<string>() == "1-1");
        Assert.Equal("city", (await window.Get("/api/v1/units/cq-justice")).Text("level"));
    }

    [Fact]
    public async Task Unknown_units_are_404_bad_filters_400_and_no_token_401()
    {
        using var anonymous = node.Client();
        using var window = node.Client("window", "qj-window");
        Expect(await anonymous.Get("/api/v1/units"), HttpStatusCode.Unauthorized);
        var missing = await window.Get("/api/v1/units/no-such-unit");
        Expect(missing, HttpStatusCode.NotFound);
        Assert.Equal("not-found", missing.Code);
        var level = await window.Get("/api/v1/units?level=province");
        Expect(level, HttpStatusCode.BadRequest);
        Assert.NotNull(level.Body!["errors"]!["level"]);
        Expect(await window.Get("/api/v1/units?level=1"), HttpStatusCode.BadRequest);
        Expect(await window.Get("/api/v1/units?region=guizhou"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Registering_external_units_is_for_operators_and_checks_its_fields()
    {
        using var operatorClient = node.Client("operator");
        using var supervisor = node.Client("supervisor");
        var body = new { name = "桐梓县测试局", region = "520322", level = "external", kind = "department", items = new[] { "1-1" } };
        Expect(await node.Client().Post("/api/v1/units", body), HttpStatusCode.Unauthorized);
        Expect(await supervisor.Post("/api/v1/units", body), HttpStatusCode.Forbidden);

        async Task<List<string>> Invalid(object b)
        {
            var answer = await operatorClient.Post("/api/v1/units", b);
            Expect(answer, HttpStatusCode.BadRequest);
            Assert.Equal("validation-failed", answer.Code);
            return answer.Body!["errors"]!.AsObject().Select(e => e.Key).ToList();
        }

        Assert.Contains("region", await Invalid(new { name = "x", region = "5203", kind = "department", items = new[] { "1-1" } }));
        Assert.Contains("region", await Invalid(new { name = "x", region = "520322001", kind = "department", items = new[] { "1-1" } }));
        Assert.Contains("items[1]", await Invalid(new { name = "x", region = "520322", kind = "department", items = new[] { "1-1", "9-99" } }));
        Assert.Contains("items", await Invalid(new { name = "x", region = "520322", kind = "department" }));
        Assert.Contains("level", await Invalid(new { name = "x", region = "520322", level = "district", kind = "department", items = new[] { "1-1" } }));
        Assert.Contains("kind", await Invalid(new { name = "x", region = "520322", kind = "service-centre", items = new[] { "1-1" } }));
        Assert.Contains("name", await Invalid(new { region = "520322", kind = "window" }));
        Assert.Contains("id", await Invalid(new { id = "Bad Id", name = "x", region = "520322", kind = "window" }));

        var builtIn = await operatorClient.Post("/api/v1/units", new { id = "qj-notary", name = "x", region = "520322", kind = "department", items = new[] { "1-1" } });
        Expect(builtIn, HttpStatusCode.Conflict);
        Assert.Equal("conflict", builtIn.Code);
    }

    [Fact]
    public async Task A_registered_external_unit_takes_the_leg_of_an_applicant_of_its_region()
    {
        using var operatorClient = node.Client("operator");
        using var window = node.Client("window", "qj-window");
        // An item of this test's own, so that other tests' Tongzi applicants are not routed here.
        var code = "t-" + Guid.NewGuid().ToString("N")[..8];
        Expect(await operatorClient.Post("/api/v1/catalogue/items", new
        {
            code, name = "测试事项", scenario = "申请人可异地申请，不受户籍地限制。", districtUnits = new[] { "qj-hrss" }, modes = new[] { "proxy" },
        }), HttpStatusCode.Created);

        var before = await window.Post("/api/v1/cases", Application(code, TongziId), Guid.NewGuid().ToString());
        Expect(before, HttpStatusCode.Conflict);
        Assert.Equal("no-route", before.Code);

        var name = "桐梓县人力资源和社会保障局" + code;
        var registered = await operatorClient.Post("/api/v1/units", new { name, region = "520322", level = "external", kind = "department", items = new[] { code } });
        Expect(registered, HttpStatusCode.Created);
        var unitId = registered.Text("id");
        Assert.StartsWith("ext-520322-", unitId);
        Assert.Equal("external", registered.Text("level"));
        Assert.Equal(code, registered.Text("items.0"));
        Assert.Equal($"/api/v1/units/{unitId}", registered.Raw.Headers.Location?.OriginalString);

        // The same name and region again: the same unit, updated.
        var again = await operatorClient.Post("/api/v1/units", new { name, region = "520322", kind = "department", items = new[] { code, "1-1" } });
        Expect(again, HttpStatusCode.OK);
        Assert.Equal(unitId, again.Text("id"));
        Assert.Equal(2, again.Body!["items"]!.AsArray().Count);
        Assert.Equal("520322", (await window.Get($"/api/v1/units/{unitId}")).Text("region"));
        Assert.Contains((await window.Get("/api/v1/units?level=external&region=52")).Body!["units"]!.AsArray(), u => u!["id"]!.GetValue<string>() == unitId);

        var created = await window.Post("/api/v1/cases", Application(code, TongziId), Guid.NewGuid().ToString());
        Expect(created, HttpStatusCode.Created);
        Assert.Equal(unitId, created.Text("legs.0.unitId"));
        Assert.Equal("home", created.Text("legs.0.role"));

        // A Qijiang applicant of the same item still goes to the district bureau.
        var local = await window.Post("/api/v1/cases", Application(code, QijiangId), Guid.NewGuid().ToString());
        Expect(local, HttpStatusCode.Created);
        Assert.Equal("qj-hrss", local.Text("legs.0.unitId"));
    }

    [Fact]
    public async Task A_unit_worklist_shows_its_open_legs_to_its_officers_and_supervisors_only()
    {
        using var window = node.Client("window", "qj-window");
        using var officer = node.Client("officer", "qj-notary");
        using var otherOfficer = node.Client("officer", "qj-civil");
        using var integration = node.Client("integration", null, "qj-notary");
        using var supervisor = node.Client("supervisor");
        using var operatorClient = node.Client("operator");
        var caseId = await ReceiveAndForward(window, Application("1-1", QijiangId, original: true));

        ApiClient.Response list = await officer.Get("/api/v1/units/qj-notary/worklist");
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!list.Body!["legs"]!.AsArray().Any(l => l!["caseId"]!.GetValue<string>() == caseId) && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
            list = await officer.Get("/api/v1/units/qj-notary/worklist");
        }
        Expect(list, HttpStatusCode.OK);
        Assert.Equal("qj-notary", list.Text("unitId"));
        var leg = Assert.Single(list.Body!["legs"]!.AsArray(), l => l!["caseId"]!.GetValue<string>() == caseId)!;
        Assert.Equal("leg1", leg["legId"]!.GetValue<string>());
        Assert.Equal("home", leg["role"]!.GetValue<string>());
        Assert.Equal("1-1", leg["itemCode"]!.GetValue<string>());
        Assert.Contains(list.Body!["deadlines"]!.AsArray(), d => d!["caseId"]!.GetValue<string>() == caseId);

        Expect(await supervisor.Get("/api/v1/units/qj-notary/worklist"), HttpStatusCode.OK);
        Expect(await integration.Get("/api/v1/units/qj-notary/worklist"), HttpStatusCode.OK);
        Expect(await window.Get("/api/v1/units/qj-window/worklist"), HttpStatusCode.OK);
        var forbidden = await otherOfficer.Get("/api/v1/units/qj-notary/worklist");
        Expect(forbidden, HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", forbidden.Code);
        Expect(await operatorClient.Get("/api/v1/units/qj-notary/worklist"), HttpStatusCode.Forbidden);
        Expect(await window.Get("/api/v1/units/qj-notary/worklist"), HttpStatusCode.Forbidden);
        Expect(await supervisor.Get("/api/v1/units/no-such-unit/worklist"), HttpStatusCode.NotFound);
        Expect(await node.Client().Get("/api/v1/units/qj-notary/worklist"), HttpStatusCode.Unauthorized);
    }
}
