using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class CatalogueTests(ApiNode node)
{
    private static string NewCode() => "t-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task The_catalogue_lists_the_printed_items_with_unit_ids_and_filters()
    {
        using var window = node.Client("window", "qj-window");
        var all = await window.Get("/api/v1/catalogue/items");
        Expect(all, HttpStatusCode.OK);
        Assert.True(all.Body!["items"]!.AsArray().Count >= 140);

        var batch3 = await window.Get("/api/v1/catalogue/items?batch=3");
        Assert.Equal(8, batch3.Body!["items"]!.AsArray().Count);
        Assert.All(batch3.Body!["items"]!.AsArray(), i => Assert.Equal(3, i!["batch"]!.GetValue<int>()));

        var justice = await window.Get("/api/v1/catalogue/items?batch=1&seq=4");
        var item = Assert.Single(justice.Body!["items"]!.AsArray())!;
        Assert.Equal("1-4", item["code"]!.GetValue<string>());
        Assert.Equal("preliminary-review", item["routing"]!["legs"]![0]!["role"]!.GetValue<string>());
        Assert.Equal("qj-justice", item["routing"]!["legs"]![0]!["candidates"]![0]!.GetValue<string>());
        Assert.Equal("final-review", item["routing"]!["legs"]![1]!["role"]!.GetValue<string>());
        Assert.Equal("cq-justice", item["routing"]!["legs"]![1]!["candidates"]![0]!.GetValue<string>());

        var notarial = await window.Get("/api/v1/catalogue/items?q=公证&status=active");
        Assert.NotEmpty(notarial.Body!["items"]!.AsArray());
        Assert.All(notarial.Body!["items"]!.AsArray(), i => Assert.Equal("active", i!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_item_shows_district_units_as_ids_and_keeps_the_printed_names()
    {
        using var officer = node.Client("officer", "qj-notary");
        var notary = await officer.Get("/api/v1/catalogue/items/1-1");
        Expect(notary, HttpStatusCode.OK);
        Assert.Equal(1, notary.Body!["version"]!.GetValue<int>());
        Assert.Equal("qj-notary", notary.Text("districtUnits.0"));
        Assert.Equal("区公证处", notary.Text("districtUnitNames.0"));
        Assert.Equal("proxy", notary.Text("modes.0"));
        Assert.Equal("home-region", notary.Text("routing.legs.0.selector"));

        // 失业登记: 区人力社保局、各镇街 → the bureau and every town's service centre.
        var unemployment = await officer.Get("/api/v1/catalogue/items/1-5");
        var ids = unemployment.Body!["districtUnits"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("qj-hrss", ids);
        Assert.Contains(ids, id => id.StartsWith("town-500110", StringComparison.Ordinal));
        Assert.Equal(["区人力社保局", "各镇街"], unemployment.Body!["districtUnitNames"]!.AsArray().Select(n => n!.GetValue<string>()));

        Expect(await officer.Get("/api/v1/catalogue/items/1-1?version=1"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_items_and_versions_are_404_bad_filters_400_and_no_token_401()
    {
        using var anonymous = node.Client();
        using var officer = node.Client("officer", "qj-notary");
        Expect(await anonymous.Get("/api/v1/catalogue/items"), HttpStatusCode.Unauthorized);
        Assert.Equal("unauthenticated", (await anonymous.Get("/api/v1/catalogue/items/1-1")).Code);
        var missing = await officer.Get("/api/v1/catalogue/items/9-99");
        Expect(missing, HttpStatusCode.NotFound);
        Assert.Equal("not-found", missing.Code);
        Expect(await officer.Get("/api/v1/catalogue/items/1-1?version=99"), HttpStatusCode.NotFound);
        var badVersion = await officer.Get("/api/v1/catalogue/items/1-1?version=first");
        Expect(badVersion, HttpStatusCode.BadRequest);
        Assert.NotNull(badVersion.Body!["errors"]!["version"]);
        var badStatus = await officer.Get("/api/v1/catalogue/items?status=open&batch=x");
        Expect(badStatus, HttpStatusCode.BadRequest);
        Assert.NotNull(badStatus.Body!["errors"]!["status"]);
        Assert.NotNull(badStatus.Body!["errors"]!["batch"]);
    }

    [Fact]
    public async Task An_operator_adds_revises_and_retires_an_item_and_old_versions_stay_readable()
    {
        using var operatorClient = node.Client("operator");
        using var window = node.Client("window", "qj-window");
        var code = NewCode();
        var body = new
        {
            code,
            batch = 9,
            seq = 1,
            name = "测试事项证明",
            scenario = "申请人可在居住地窗口申请。",
            cityLead = "市人力社保局",
            districtUnits = new[] { "qj-hrss" },
            modes = new[] { "proxy" },
            promisedDays = 5,
        };
        Expect(await window.Post("/api/v1/catalogue/items", body), HttpStatusCode.Forbidden);

        var added = await operatorClient.Post("/api/v1/catalogue/items", body);
        Expect(added, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/catalogue/items/{code}", added.Raw.Headers.Location?.OriginalString);
        Assert.Equal(1, added.Body!["version"]!.GetValue<int>());
        Assert.Equal("active", added.Text("status"));
        Assert.Equal("qj-hrss", added.Text("districtUnits.0"));
        Assert.Equal("qj-hrss", added.Text("routing.legs.0.candidates.0"));
        Assert.Equal(5, added.Body!["promisedDays"]!.GetValue<int>());
        Assert.False(added.Body!["requiresOriginals"]!.GetValue<bool>());

        var again = await operatorClient.Post("/api/v1/catalogue/items", body);
        Expect(again, HttpStatusCode.Conflict);
        Assert.Equal("conflict", again.Code);

        Expect(await window.Put($"/api/v1/catalogue/items/{code}", new { promisedDays = 3 }), HttpStatusCode.Forbidden);
        var revised = await operatorClient.Put($"/api/v1/catalogue/items/{code}", new { promisedDays = 3, notes = new[] { "限本人办理" } });
        Expect(revised, HttpStatusCode.OK);
        Assert.Equal(2, revised.Body!["version"]!.GetValue<int>());
        Assert.Equal(3, revised.Body!["promisedDays"]!.GetValue<int>());
        Assert.Equal("测试事项证明", revised.Text("name")); // kept
        Assert.Equal("限本人办理", revised.Text("notes.0"));

        var first = await window.Get($"/api/v1/catalogue/items/{code}?version=1");
        Assert.Equal(5, first.Body!["promisedDays"]!.GetValue<int>());
        Assert.Equal(2, (await window.Get($"/api/v1/catalogue/items/{code}")).Body!["version"]!.GetValue<int>());

        Expect(await window.Delete($"/api/v1/catalogue/items/{code}"), HttpStatusCode.Forbidden);
        var retired = await operatorClient.Delete($"/api/v1/catalogue/items/{code}");
        Expect(retired, HttpStatusCode.OK);
        Assert.Equal("retired", retired.Text("status"));
        Assert.Equal(3, retired.Body!["version"]!.GetValue<int>());
        var listed = await window.Get("/api/v1/catalogue/items?status=retired");
        Assert.Contains(listed.Body!["items"]!.AsArray(), i => i!["code"]!.GetValue<string>() == code);
        Assert.Equal(3, (await operatorClient.Delete($"/api/v1/catalogue/items/{code}")).Body!["version"]!.GetValue<int>()); // idempotent

        // No new cases for a retired item.
        var refused = await window.Post("/api/v1/cases", Application(code, QijiangId), Guid.NewGuid().ToString());
        Assert.True(refused.Status is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, refused.ToString());
    }

    [Fact]
    public async Task Items_that_make_no_sense_are_refused_naming_the_fields()
    {
        using var operatorClient = node.Client("operator");
        var bad = await operatorClient.Post("/api/v1/catalogue/items", new
        {
            code = new string('x', 51),
            name = " ",
            modes = Array.Empty<string>(),
            promisedDays = 30,
            routing = new { legs = new[] { new { role = "home", order = 1, selector = "home-region", candidates = new[] { "no-such-unit" } } } },
        });
        Expect(bad, HttpStatusCode.BadRequest);
        Assert.Equal("validation-failed", bad.Code);
        var errors = bad.Body!["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("code", errors);
        Assert.Contains("name", errors);

        var second = await operatorClient.Post("/api/v1/catalogue/items", new
        {
            code = NewCode(),
            name = "测试",
            modes = Array.Empty<string>(),
            promisedDays = 30,
            routing = new { legs = new[] { new { role = "home", order = 1, selector = "home-region", candidates = new[] { "no-such-unit" } } } },
        });
        Expect(second, HttpStatusCode.BadRequest);
        var fields = second.Body!["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("modes", fields);
        Assert.Contains("promisedDays", fields);
        Assert.Contains("routing.legs[0].candidates", fields);

        var joint = await operatorClient.Post("/api/v1/catalogue/items", new
        {
            code = NewCode(), name = "测试联办", districtUnits = new[] { "区人力社保局" }, modes = new[] { "joint" }, promisedDays = 46,
        });
        Expect(joint, HttpStatusCode.BadRequest);
        Assert.Contains("45", joint.Body!["errors"]!["promisedDays"]![0]!.GetValue<string>());

        var unknownUnit = await operatorClient.Post("/api/v1/catalogue/items", new { code = NewCode(), name = "测试", districtUnits = new[] { "区不存在局" } });
        Expect(unknownUnit, HttpStatusCode.BadRequest);
        Assert.NotNull(unknownUnit.Body!["errors"]!["districtUnits[0]"]);

        var badMode = await operatorClient.PostRaw("/api/v1/catalogue/items", "{\"code\":\"t-x\",\"name\":\"测试\",\"modes\":[\"fax\"]}");
        Expect(badMode, HttpStatusCode.BadRequest);

        Expect(await operatorClient.Put("/api/v1/catalogue/items/9-99", new { name = "x" }), HttpStatusCode.NotFound);
        Expect(await operatorClient.Delete("/api/v1/catalogue/items/9-99"), HttpStatusCode.NotFound);
        var renamed = await operatorClient.Put("/api/v1/catalogue/items/1-1", new { code = "1-2" });
        Expect(renamed, HttpStatusCode.BadRequest);
        Assert.Equal(1, (await operatorClient.Get("/api/v1/catalogue/items/1-1")).Body!["version"]!.GetValue<int>());
    }
}
