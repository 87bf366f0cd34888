using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests.Fuzz;

/// <summary>Seeds the fuzzed node with real entities through its API, and fills the <see cref="FuzzWorld"/>: cases of a
/// known applicant (name, ID number, phone) in several states, an external unit, a ticket, the callers.</summary>
public static class FuzzSeeding
{
    public const string ApplicantName = "司马青衫";
    public const string AgentName = "欧阳明月";
    public static readonly string ApplicantId = IdNumber("11010519491231002");
    public static readonly string AgentId = IdNumber("44030419880808123");
    public const string ApplicantPhone = "13912345678";
    public const string AgentPhone = "15887654321";
    public const string ContactPhone = "18611112222";

    private static object Application(string item, string unit = "qj-window", string receiving = "qj-window") => new
    {
        itemCode = item,
        mode = "proxy",
        channel = "window",
        receivingUnitId = receiving,
        applicant = new { kind = "person", name = ApplicantName, idNumber = ApplicantId, phone = ApplicantPhone, region = "500110" },
        agent = new { name = AgentName, idNumber = AgentId, phone = AgentPhone, relation = "配偶" },
        materials = new[] { new { name = "申请表", original = false }, new { name = "毕业证书原件", original = true } },
        delivery = new { method = "pickup" },
    };

    public static async Task<FuzzWorld> Seed(ApiNode node)
    {
        var world = new FuzzWorld();
        world.PersonalData.AddRange([ApplicantName, AgentName, ApplicantId, AgentId, ApplicantPhone, AgentPhone, ContactPhone]);
        using var window = node.Client("window", "qj-window");
        using var operatorClient = node.Client("operator");
        using var notary = node.Client("officer", "qj-notary");

        var units = await operatorClient.Get("/api/v1/units");
        world.Add("id", units.Body!["units"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()).Take(12));
        var tongzi = await operatorClient.Post("/api/v1/units", new
        {
            name = "桐梓县人力资源和社会保障局", region = "520322", level = "external", kind = "department", items = new[] { "1-16" },
        }, "fuzz-seed-unit");
        Expect(tongzi, HttpStatusCode.Created);
        var tongziId = tongzi.Text("id");
        world.Add("id", "qj-window", "qj-notary", "qj-hrss", "town-500110001", tongziId, "no-such-unit");
        foreach (var name in new[] { "unitId", "receivingUnitId", "districtUnits", "candidates", "units", "unit" }) world.Add(name, world.ByName["id"]);

        var items = await operatorClient.Get("/api/v1/catalogue/items?batch=1");
        world.Add("code", items.Body!["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).Take(10).Append("9-99"));
        world.Add("itemCode", world.ByName["code"]);
        world.Add("items", world.ByName["code"]);

        // A received case, a forwarded one, one completed at the window (for ratings), one at the external unit.
        var received = await window.Post("/api/v1/cases", Application("1-1"), "fuzz-seed-received");
        Expect(received, HttpStatusCode.Created);
        var forwarded = await ReceiveAndForward(window, Application("1-1"));
        var completed = await ReceiveAndForward(window, Application("1-1"));
        var leg = $"/api/v1/cases/{completed}/legs/leg1";
        Expect(await notary.Post($"{leg}/acceptance", new { accepted = true }), HttpStatusCode.OK);
        Expect(await notary.Post($"/api/v1/cases/{completed}/originals-received"), HttpStatusCode.OK);
        Expect(await notary.Post($"{leg}/decision", new { outcome = "approved", resultDocument = new { title = "公证书", number = "(2026)渝綦证字第9号" } }), HttpStatusCode.OK);
        Expect(await window.Post($"/api/v1/cases/{completed}/result-delivery", new { method = "pickup" }), HttpStatusCode.OK);
        Expect(await window.Post($"/api/v1/cases/{completed}/result-collected"), HttpStatusCode.OK);
        var external = await window.Post("/api/v1/cases", new
        {
            itemCode = "1-16", mode = "proxy", channel = "window", receivingUnitId = "qj-window",
            applicant = new { kind = "person", name = ApplicantName, idNumber = IdNumber("52032219900307001"), phone = ApplicantPhone },
            materials = new[] { new { name = "失业保险金申领登记表", original = false } }, delivery = new { method = "pickup" },
        }, "fuzz-seed-external");
        Expect(external, HttpStatusCode.Created);
        world.PersonalData.Add(IdNumber("52032219900307001"));

        var caseIds = new[] { received.Text("caseId"), forwarded, completed, external.Text("caseId") };
        world.Add("caseId", caseIds.Append("0000000000000000"));
        world.Add("entityId", caseIds);
        world.Add("entityId", tongziId, "qj-window");
        var views = await Task.WhenAll(caseIds.Select(id => window.Get($"/api/v1/cases/{id}")));
        world.Add("caseNumber", views.Select(v => v.Text("caseNumber")).Append("QJ20260101000000"));
        world.Add("queryCode", received.Text("queryCode"), external.Text("queryCode"), "000000", "K7Q2M9XP");
        world.Add("legId", "leg1", "leg2", "leg9");
        world.Add("waybillNumber", "EA123456785CN", "RR000000005CN");

        var ticket = await window.Post("/api/v1/tickets", new
        {
            kind = "complaint", unitId = "qj-notary", text = "材料寄出两周仍未受理。", contact = ContactPhone, caseId = forwarded,
        }, "fuzz-seed-ticket");
        Expect(ticket, HttpStatusCode.Created);
        world.Add("ticketId", ticket.Text("ticketId"), "t-0000000000000000");

        var projections = await operatorClient.Get("/api/v1/admin/projections");
        world.Add("name", projections.Body!["projections"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        var sharding = await operatorClient.Get("/api/v1/admin/sharding");
        world.Add("typeName", sharding.Body!["regions"]!.AsArray().Select(r => r!["typeName"]!.GetValue<string>()));
        var cluster = await operatorClient.Get("/api/v1/admin/cluster");
        world.Forbidden.Add(cluster.Text("self"));
        world.Add("address", "akka.tcp://kuasheng@127.0.0.1:1", "akka.tcp://kuasheng@10.0.0.9:4100");

        world.Add("year", "2026", "2027", "1999");
        world.Add("date", "2026-10-01", "2026-10-12");
        world.Add("month", "2026-10", "2026-12");
        world.Add("from", "2026-10-12");
        world.Add("workingDays", "5", "0", "-3");
        world.Add("format", "json", "csv", "xlsx");
        world.Add("status", "received", "forwarded", "open", "answered", "active", "retired");
        world.Add("batch", "1", "2");
        world.Add("seq", "1", "16");
        world.Add("q", "公证");
        world.Add("level", "external", "town");
        world.Add("region", "500110", "520322");
        world.Add("version", "1", "2");
        world.Add("role", "window", "officer", "integration", "carrier", "supervisor", "operator");

        world.Callers.AddRange(Callers(node, tongziId));
        return world;
    }

    private static IEnumerable<FuzzCaller> Callers(ApiNode node, string externalUnit)
    {
        yield return new FuzzCaller("no token", null);
        yield return new FuzzCaller("garbage token", "not.a.token");
        yield return new FuzzCaller("huge token", new string('a', 7000));
        yield return new FuzzCaller("basic auth", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ApplicantName}:{ApplicantPhone}")), "Basic");
        yield return new FuzzCaller("token of another key", OtherKeyToken());
        yield return new FuzzCaller("unknown role", node.Token("admin"));
        yield return new FuzzCaller("window qj-window", node.Token("window", "qj-window"));
        yield return new FuzzCaller("window qj-window (2)", node.Token("window", "qj-window"));
        yield return new FuzzCaller("window of a town", node.Token("window", "town-500110001"));
        yield return new FuzzCaller("window without unit", node.Token("window"));
        yield return new FuzzCaller("officer qj-notary", node.Token("officer", "qj-notary"));
        yield return new FuzzCaller("officer qj-hrss", node.Token("officer", "qj-hrss"));
        yield return new FuzzCaller("officer of the external unit", node.Token("officer", externalUnit));
        yield return new FuzzCaller("integration for the external unit", node.Token("integration", null, externalUnit));
        yield return new FuzzCaller("integration for qj units", node.Token("integration", null, "qj-window", "qj-notary"));
        yield return new FuzzCaller("carrier", node.Token("carrier"));
        yield return new FuzzCaller("supervisor", node.Token("supervisor"));
        yield return new FuzzCaller("operator", node.Token("operator"));
        yield return new FuzzCaller("operator (2)", node.Token("operator"));
    }

    private static string OtherKeyToken() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "kuasheng", Audience = "kuasheng-api",
        Claims = new Dictionary<string, object> { ["role"] = "operator", ["sub"] = "mallory" },
        Expires = DateTime.UtcNow.AddHours(2),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-key-that-is-long-enough-for-hmac-256!!")),
            SecurityAlgorithms.HmacSha256),
    });

    /// <summary>The node's OpenAPI document as it serves it.</summary>
    public static async Task<JsonObject> Document(ApiNode node)
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        return JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!.AsObject();
    }
}
