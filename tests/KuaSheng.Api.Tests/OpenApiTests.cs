using System.Net;
using System.Text.Json.Nodes;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class OpenApiTests(ApiNode node)
{
    [Fact]
    public async Task The_openapi_document_is_public_and_describes_every_endpoint_with_examples_and_the_bearer_scheme()
    {
        using var anonymous = node.Client();
        var document = await anonymous.Get("/openapi/v1.json");
        Expect(document, HttpStatusCode.OK);
        Assert.StartsWith("3.", document.Text("openapi"));
        var paths = document.Body!["paths"]!.AsObject();
        foreach (var path in new[]
                 {
                     "/api/v1/cases", "/api/v1/cases/{caseId}", "/api/v1/cases/{caseId}/form-review", "/api/v1/cases/{caseId}/legs/{legId}/decision",
                     "/api/v1/catalogue/items", "/api/v1/catalogue/items/{code}", "/api/v1/units", "/api/v1/units/{id}/worklist",
                     "/api/v1/calendar/days/{date}", "/api/v1/calendar/due-date", "/api/v1/calendar/years/{year}", "/api/v1/auth/dev-token",
                     "/api/v1/dev/clock", "/api/v1/public/cases/{caseNumber}", "/api/v1/ledger", "/api/v1/units/{id}/overdue", "/api/v1/overdue",
                     "/api/v1/admin/cluster", "/api/v1/admin/cluster/leave", "/api/v1/admin/sharding", "/api/v1/admin/entities/{typeName}/{entityId}",
                 })
            Assert.True(paths.ContainsKey(path), $"missing {path}");

        Assert.Equal("bearer", document.Text("components.securitySchemes.Bearer.scheme"));
        var submit = paths["/api/v1/cases"]!["post"]!;
        Assert.False(string.IsNullOrEmpty(submit["summary"]?.GetValue<string>()));
        Assert.NotNull(submit["security"]);
        Assert.Equal("1-1", submit["requestBody"]!["content"]!["application/json"]!["example"]!["itemCode"]!.GetValue<string>());
        Assert.Equal("received", submit["responses"]!["201"]!["content"]!["application/json"]!["example"]!["status"]!.GetValue<string>());
        Assert.Equal("unauthenticated", submit["responses"]!["401"]!["content"]!["application/problem+json"]!["example"]!["code"]!.GetValue<string>());

        var due = paths["/api/v1/calendar/due-date"]!["get"]!;
        Assert.Equal("[{}]", due["security"]!.ToJsonString()); // public
        Assert.Equal("2026-10-12", due["responses"]!["200"]!["content"]!["application/json"]!["example"]!["due"]!.GetValue<string>());
        var ledger = paths["/api/v1/ledger"]!["get"]!;
        Assert.Equal(["month", "unitId", "format"], ledger["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        var ledgerTypes = ledger["responses"]!["200"]!["content"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("application/json", ledgerTypes);
        Assert.Contains(ledgerTypes, t => t.StartsWith("text/csv", StringComparison.Ordinal));
        Assert.Contains("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ledgerTypes);
        var addItem = paths["/api/v1/catalogue/items"]!["post"]!;
        Assert.NotNull(addItem["requestBody"]!["content"]!["application/json"]!["schema"]);
        Assert.NotNull(addItem["requestBody"]!["content"]!["application/json"]!["example"]);
    }

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_and_a_security_entry_and_the_servers_no_trailing_slash()
    {
        using var anonymous = node.Client();
        var document = await anonymous.Get("/openapi/v1.json");
        Expect(document, HttpStatusCode.OK);
        var ids = new List<string>();
        foreach (var (path, item) in document.Body!["paths"]!.AsObject())
        foreach (var (method, operation) in item!.AsObject())
        {
            var id = operation!["operationId"]?.GetValue<string>();
            Assert.False(string.IsNullOrWhiteSpace(id), $"{method} {path} has no operationId");
            ids.Add(id!);
            Assert.True(operation["security"] is JsonArray { Count: > 0 }, $"{method} {path} has no security entry");
        }
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var servers = document.Body!["servers"]?.AsArray() ?? [];
        Assert.All(servers, server => Assert.False(server!["url"]!.GetValue<string>().EndsWith('/'), $"server {server["url"]} ends with /"));

        // A public operation says so: an empty requirement (no token needed).
        var due = document.Body!["paths"]!["/api/v1/calendar/due-date"]!["get"]!;
        Assert.Equal("[{}]", due["security"]!.ToJsonString());
        Assert.Equal("GetCalendarDueDate", due["operationId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("SubmitCaseBody", "agent,counterpartRegion,receivingUnitId,materials", "itemCode,mode,channel,applicant,delivery")]
    [InlineData("ApplicantBody", "region,townCode,phone", "kind")]
    [InlineData("DeliveryBody", "address", "method")]
    [InlineData("ResultDocumentBody", "url", "")]
    [InlineData("ResultDeliveryBody", "waybillNumber,carrier,url", "method")]
    [InlineData("MailingBody", "carrier", "purpose,waybillNumber")]
    [InlineData("CarrierEventBody", "signedBy,at", "waybillNumber,status")]
    [InlineData("AcceptanceBody", "reason", "accepted")]
    [InlineData("UnitView", "parentId", "id,name,region,level,kind,items")]
    [InlineData("ItemView", "deadlineText", "code,name")]
    [InlineData("ItemBody", "code,name,deadlineText", "")]
    [InlineData("DayView", "holiday", "date,workingDay")]
    [InlineData("DevTokenView", "unit,units", "token,role,sub,expiresAt")]
    public async Task Optional_fields_are_not_required_and_needed_ones_are(string schema, string optional, string needed)
    {
        using var anonymous = node.Client();
        var document = await anonymous.Get("/openapi/v1.json");
        var required = (document.Body!["components"]!["schemas"]![schema]!["required"]?.AsArray() ?? [])
            .Select(n => n!.GetValue<string>()).ToHashSet();
        foreach (var field in optional.Split(',', StringSplitOptions.RemoveEmptyEntries))
            Assert.False(required.Contains(field), $"{schema}.{field} is optional but declared required");
        foreach (var field in needed.Split(',', StringSplitOptions.RemoveEmptyEntries))
            Assert.True(required.Contains(field), $"{schema}.{field} is needed but not declared required");
    }

    [Fact]
    public async Task The_reference_page_is_served_without_a_token()
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        var page = await http.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_documented_application_example_is_one_the_service_accepts()
    {
        using var anonymous = node.Client();
        var document = await anonymous.Get("/openapi/v1.json");
        var example = document.Navigate("paths./api/v1/cases.post.requestBody.content.application/json.example");
        Assert.NotNull(example);
        using var window = node.Client("window", "qj-window");
        var created = await window.PostRaw("/api/v1/cases", example.ToJsonString(), idempotencyKey: Guid.NewGuid().ToString());
        Expect(created, HttpStatusCode.Created);
    }
}
