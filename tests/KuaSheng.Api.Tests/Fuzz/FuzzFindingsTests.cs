using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KuaSheng.Api.Problems;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests.Fuzz;

/// <summary>What the OpenAPI fuzzer (<see cref="OpenApiFuzzTests"/>) found, each pinned by a focused request.</summary>
[Collection(ApiCollection.Name)]
public sealed class FuzzFindingsTests(ApiNode node)
{
    private async Task<(HttpStatusCode Status, string? MediaType, string Body)> Send(HttpMethod method, string path, string? body = null,
        string? contentType = "application/json", string? role = "window", string? unit = "qj-window")
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        using var request = new HttpRequestMessage(method, path);
        if (role is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Token(role, unit));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        using var response = await http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    private static string? Code(string body) => JsonNode.Parse(body)?["code"]?.GetValue<string>();

    [Theory]
    [InlineData("application/json; charset=ebcdic")]
    [InlineData("application/json; charset=no-such-encoding")]
    public async Task A_body_in_an_unknown_charset_is_415_not_500(string contentType)
    {
        // Found by the fuzzer: the JSON reader threw InvalidOperationException for a charset .NET does not know (500).
        var (status, media, body) = await Send(HttpMethod.Post, "/api/v1/cases/0123456789abcdef/not-accepted", "{\"reason\":\"x\"}", contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("application/problem+json", media);
        Assert.Equal(ProblemCodes.UnsupportedMediaType, Code(body));
    }

    [Theory]
    [InlineData("/api/v1/cases/0123456789abcdef/supplement", "{\"materials\":[null]}")]
    [InlineData("/api/v1/cases", "{\"itemCode\":\"1-1\",\"mode\":\"proxy\",\"channel\":\"window\",\"receivingUnitId\":\"qj-window\"," +
                                 "\"applicant\":{\"kind\":\"person\"},\"materials\":[{\"name\":\"申请表\",\"original\":false},null],\"delivery\":{\"method\":\"pickup\"}}")]
    public async Task A_material_that_is_null_is_400_not_500(string path, string body)
    {
        // Found by the fuzzer (seed 7): "materials": [null] threw NullReferenceException in the handler (500).
        var (status, media, text) = await Send(HttpMethod.Post, path, body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", media);
        Assert.Equal(ProblemCodes.ValidationFailed, Code(text));
        Assert.Contains("materials[", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf8_and_utf16_charsets_are_still_read()
    {
        var (status, _, _) = await Send(HttpMethod.Post, "/api/v1/auth/dev-token", "{\"role\":\"operator\"}", "application/json; charset=utf-8", role: null);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("GET", "/api/v1/no-such-thing", HttpStatusCode.NotFound, "not-found")]
    [InlineData("POST", "/api/v1/cases/0123456789abcdef/legs", HttpStatusCode.NotFound, "not-found")]
    [InlineData("DELETE", "/api/v1/catalogue/items/", HttpStatusCode.MethodNotAllowed, "method-not-allowed")]
    public async Task An_address_or_method_no_endpoint_takes_is_a_problem_too(string method, string path, HttpStatusCode expected, string code)
    {
        // Found by the fuzzer: routing answered these with an empty body (a path parameter of "..", ".", "%2e%2e").
        var (status, media, body) = await Send(new HttpMethod(method), path, role: "operator", unit: null);
        Assert.Equal(expected, status);
        Assert.Equal("application/problem+json", media);
        Assert.Equal(code, Code(body));
    }

    public static readonly TheoryData<string, string, string?, string> Echoes = new()
    {
        // Found by the fuzzer: each of these quoted the value sent, personal data included.
        { "GET", "/api/v1/cases/" + IdNumber("11010519491231002"), null, IdNumber("11010519491231002") },
        { "GET", "/api/v1/units/13912345678", null, "13912345678" },
        { "GET", "/api/v1/units/" + Uri.EscapeDataString("司马青衫"), null, "司马青衫" },
        { "GET", "/api/v1/catalogue/items/" + Uri.EscapeDataString("司马青衫"), null, "司马青衫" },
        { "GET", "/api/v1/tickets/" + IdNumber("11010519491231002"), null, IdNumber("11010519491231002") },
        { "POST", "/api/v1/auth/dev-token", "{\"role\":\"window\",\"unit\":\"13912345678\"}", "13912345678" },
        { "POST", "/api/v1/cases", "{\"itemCode\":\"1-1\",\"mode\":\"proxy\",\"channel\":\"window\",\"receivingUnitId\":\"司马青衫\"," +
                  "\"applicant\":{\"kind\":\"person\"},\"delivery\":{\"method\":\"pickup\"}}", "司马青衫" },
        { "POST", "/api/v1/tickets", "{\"kind\":\"complaint\",\"unitId\":\"13912345678\",\"text\":\"x\",\"contact\":\"x\"}", "13912345678" },
        { "GET", "/api/v1/cases?status=" + Uri.EscapeDataString("司马青衫"), null, "司马青衫" },
        { "POST", "/api/v1/admin/projections/" + Uri.EscapeDataString("司马青衫") + "/rebuild", null, "司马青衫" },
        { "POST", "/api/v1/units", "{\"name\":\"x\",\"region\":\"520322\",\"level\":\"external\",\"kind\":\"department\",\"items\":[\"司马青衫\"]}", "司马青衫" },
    };

    [Theory]
    [MemberData(nameof(Echoes))]
    public async Task A_refusal_does_not_quote_personal_data_sent(string method, string path, string? body, string personal)
    {
        var role = path.Contains("dev-token", StringComparison.Ordinal) ? null
            : path.Contains("/admin/", StringComparison.Ordinal) || path.EndsWith("/units", StringComparison.Ordinal) ? "operator" : "supervisor";
        var (status, media, text) = await Send(new HttpMethod(method), path, body, role: role, unit: null);
        Assert.True((int)status is >= 400 and < 500, $"{(int)status} {text}");
        Assert.Equal("application/problem+json", media);
        var parsed = JsonNode.Parse(text)!.ToJsonString(new System.Text.Json.JsonSerializerOptions
            { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.DoesNotContain(personal, parsed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("qj-window", "qj-window")]
    [InlineData("akka.tcp://kuasheng@127.0.0.1:4102", "akka.tcp://kuasheng@127.0.0.1:4102")]
    [InlineData("11010519491231002X", ProblemText.NotShown)]
    [InlineData("13912345678", ProblemText.NotShown)]
    [InlineData("司马青衫", ProblemText.NotShown)]
    [InlineData("a b", ProblemText.NotShown)]
    [InlineData("", ProblemText.NotShown)]
    public void Problems_quote_identifiers_only(string value, string shown) => Assert.Equal(shown, ProblemText.Shown(value));

    [Fact]
    public void Problems_mask_id_and_mobile_numbers_whatever_wrote_them() =>
        Assert.Equal("ID 110105********002X, phone 139****5678, case 0123456789abcdef",
            ProblemText.Redact("ID 11010519491231002X, phone 13912345678, case 0123456789abcdef"));
}
