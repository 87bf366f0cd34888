using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>
/// A table of malformed and hostile requests: each gets the expected 4xx and problem code, never a 5xx, and a case
/// that a refused request touched is unchanged (same version, same timeline).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HostileInputTests(ApiNode node)
{
    public sealed record Row(string Name, string? Role, string? Unit, string Method, string Path, string? Body, HttpStatusCode Status,
        string? Code, string? Token = null, string? ContentType = "application/json");

    private const string CaseSlot = "{case}";

    private static string Json(object o) => System.Text.Json.JsonSerializer.Serialize(o, KuaSheng.Api.Json.ApiJson.Options);

    private static string SubmitWith(Func<JsonObject, JsonObject> change)
    {
        var body = JsonNode.Parse(Json(Application("1-6", QijiangId)))!.AsObject();
        return change(body).ToJsonString();
    }

    private static JsonObject Set(JsonObject o, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var target = parts[..^1].Aggregate(o, (node, p) => node[p]!.AsObject());
        target[parts[^1]] = value;
        return o;
    }

    public static IEnumerable<Row> Rows()
    {
        const HttpStatusCode Bad = HttpStatusCode.BadRequest;
        const string V = "validation-failed";
        var valid = QijiangId;
        var wrongCheck = valid[..17] + (valid[17] == '0' ? '1' : '0');
        string[] badIds =
        [
            wrongCheck, valid[..15], valid[..17], valid + "1", "50011019851312002X", "50011020990101002X", "99011019850612002X",
            "5001101985061200AX", "", "   ", "５００１１０１９８５０６１２００２Ｘ" + "9", "500110-19850612-002X", "<script>alert(1)</script>",
            "' OR 1=1 --", new string('9', 60), "50011018991231002X",
        ];
        foreach (var (id, i) in badIds.Select((id, i) => (id, i)))
            yield return new Row($"bad id number #{i}", "window", "qj-window", "POST", "/api/v1/cases",
                SubmitWith(b => Set(b, "applicant.idNumber", id)), Bad, V);

        string[] badPhones = ["12345", "23800138000", "1380013800", "138001380001", "phone", "", "+1 555 0100", new string('1', 80)];
        foreach (var (phone, i) in badPhones.Select((p, i) => (p, i)))
            yield return new Row($"bad phone #{i}", "window", "qj-window", "POST", "/api/v1/cases", SubmitWith(b => Set(b, "applicant.phone", phone)), Bad, V);

        (string Path, JsonNode? Value)[] badFields =
        [
            ("mode", "teleport"), ("mode", 1), ("channel", "fax"), ("applicant.kind", "robot"), ("delivery.method", "pigeon"),
            ("applicant.kind", null), ("mode", null), ("materials", "none"), ("materials", new JsonArray()), ("itemCode", "9-99"),
            ("itemCode", ""), ("itemCode", new string('x', 5000)), ("applicant.name", ""), ("applicant.name", new string('张', 10_000)),
            ("applicant.region", "5001"), ("applicant.region", "abcdef"), ("applicant.townCode", "12"), ("counterpartRegion", "x"),
            ("delivery.method", "mail"), ("applicant", null), ("delivery", null), ("applicant", "张三"), ("materials", new JsonArray(1, 2)),
            ("channel", "online"), ("mode", "joint"), ("mode", "online"), ("itemCode", 7), ("applicant.idNumber", 500110),
        ];
        foreach (var (path, value) in badFields)
            yield return new Row($"bad field {path}={value?.ToJsonString() ?? "null"}", "window", "qj-window", "POST", "/api/v1/cases",
                SubmitWith(b => Set(b, path, value?.DeepClone())), Bad, V);

        string[] malformed = ["{", "[]", "null", "\"text\"", "{\"itemCode\":", "{'itemCode':'1-6'}", "{\"mode\":\"proxy\",}", "\u0000", "<xml/>"];
        foreach (var (raw, i) in malformed.Select((r, i) => (r, i)))
            yield return new Row($"malformed json #{i}", "window", "qj-window", "POST", "/api/v1/cases", raw, Bad, V);
        yield return new Row("form content type", "window", "qj-window", "POST", "/api/v1/cases", "itemCode=1-6", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", ContentType: "application/x-www-form-urlencoded");
        yield return new Row("no body on a step", "window", "qj-window", "POST", $"/api/v1/cases/{CaseSlot}/form-review", null, Bad, V);

        // Authentication: no token, forged, expired, wrong issuer, unsigned.
        yield return new Row("no token", null, null, "POST", "/api/v1/cases", SubmitWith(b => b), HttpStatusCode.Unauthorized, "unauthenticated");
        yield return new Row("no token on a read", null, null, "GET", $"/api/v1/cases/{CaseSlot}", null, HttpStatusCode.Unauthorized, "unauthenticated");
        foreach (var (name, token) in ForgedTokens())
            yield return new Row($"forged token: {name}", null, null, "GET", $"/api/v1/cases/{CaseSlot}", null, HttpStatusCode.Unauthorized, "unauthenticated", Token: token);

        // Wrong role or wrong unit.
        var steps = new (string Path, string Body)[]
        {
            ("form-review", Json(new { passed = true })), ("identity-verification", Json(new { method = "face", passed = true })),
            ("not-accepted", Json(new { reason = "x" })), ("withdrawal", Json(new { reason = "x" })),
            ("legs/leg1/acceptance", Json(new { accepted = true })), ("legs/leg1/decision", Json(new { outcome = "approved" })),
            ("suspension", Json(new { kind = "other", reason = "x" })), ("resumption", "{}"), ("originals-received", "{}"),
            ("rating", Json(new { level = "satisfied" })), ("rectification", Json(new { note = "x" })),
        };
        (string Role, string? Unit)[] strangers = [("window", "town-500110001"), ("officer", "qj-notary"), ("carrier", null), ("operator", null), ("supervisor", null)];
        foreach (var (path, body) in steps)
        foreach (var (role, unit) in strangers)
            yield return new Row($"{role}@{unit} on {path}", role, unit, "POST", $"/api/v1/cases/{CaseSlot}/{path}", body, HttpStatusCode.Forbidden, "forbidden");
        yield return new Row("window submits for another unit", "window", "town-500110001", "POST", "/api/v1/cases", SubmitWith(b => b), HttpStatusCode.Forbidden, "forbidden");
        yield return new Row("officer submits", "officer", "qj-hrss", "POST", "/api/v1/cases", SubmitWith(b => b), HttpStatusCode.Forbidden, "forbidden");
        yield return new Row("window posts carrier events", "window", "qj-window", "POST", "/api/v1/carrier/events",
            Json(new { waybillNumber = "EA123456785CN", status = "signed", at = "2026-03-01T10:00:00+08:00", signedBy = "x" }), HttpStatusCode.Forbidden, "forbidden");

        // Illegal steps on a received case, by the right callers.
        yield return new Row("decision before acceptance", "officer", "qj-hrss", "POST", $"/api/v1/cases/{CaseSlot}/legs/leg1/decision", Json(new { outcome = "approved" }), HttpStatusCode.Conflict, "illegal-transition");
        yield return new Row("acceptance before forwarding", "officer", "qj-hrss", "POST", $"/api/v1/cases/{CaseSlot}/legs/leg1/acceptance", Json(new { accepted = true }), HttpStatusCode.Conflict, "illegal-transition");
        yield return new Row("resume a case not suspended", "officer", "qj-hrss", "POST", $"/api/v1/cases/{CaseSlot}/resumption", "{}", HttpStatusCode.Conflict, "illegal-transition");
        yield return new Row("rate before completion", "window", "qj-window", "POST", $"/api/v1/cases/{CaseSlot}/rating", Json(new { level = "satisfied" }), HttpStatusCode.Conflict, "illegal-transition");
        yield return new Row("result before decision", "window", "qj-window", "POST", $"/api/v1/cases/{CaseSlot}/result-delivery", Json(new { method = "pickup" }), HttpStatusCode.Conflict, "illegal-transition");
        yield return new Row("unknown leg", "officer", "qj-hrss", "POST", $"/api/v1/cases/{CaseSlot}/legs/leg9/acceptance", Json(new { accepted = true }), HttpStatusCode.Forbidden, "forbidden");
        yield return new Row("failed form review without missing", "window", "qj-window", "POST", $"/api/v1/cases/{CaseSlot}/form-review", Json(new { passed = false }), Bad, V);
        yield return new Row("not accepted without reason", "window", "qj-window", "POST", $"/api/v1/cases/{CaseSlot}/not-accepted", Json(new { reason = " " }), Bad, V);
        yield return new Row("unknown identity method", "window", "qj-window", "POST", $"/api/v1/cases/{CaseSlot}/identity-verification", Json(new { method = "palm", passed = true }), Bad, V);
        yield return new Row("passed as text", "window", "qj-window", "POST", $"/api/v1/cases/{CaseSlot}/form-review", "{\"passed\":\"yes\"}", Bad, V);
        yield return new Row("bad waybill", "window", "qj-window", "POST", $"/api/v1/cases/{CaseSlot}/mailings", Json(new { purpose = "originals", carrier = "EMS", waybillNumber = "EA123456789CN" }), Bad, V);
        yield return new Row("waybill garbage", "window", "qj-window", "POST", $"/api/v1/cases/{CaseSlot}/mailings", Json(new { purpose = "originals", carrier = "EMS", waybillNumber = "'; drop table" }), Bad, V);
        yield return new Row("unknown case", "window", "qj-window", "GET", "/api/v1/cases/0000000000000000", null, HttpStatusCode.NotFound, "not-found");
        yield return new Row("case id of another shape", "window", "qj-window", "GET", "/api/v1/cases/" + new string('Z', 3000), null, HttpStatusCode.NotFound, "not-found");
        yield return new Row("case id with dots", "window", "qj-window", "POST", "/api/v1/cases/..%2F..%2Fetc/withdrawal", Json(new { reason = "x" }), HttpStatusCode.NotFound, "not-found");
        yield return new Row("unknown case step", "window", "qj-window", "POST", "/api/v1/cases/0000000000000000/withdrawal", Json(new { reason = "x" }), HttpStatusCode.NotFound, "not-found");
        yield return new Row("public wrong code", null, null, "GET", "/api/v1/public/cases/QJKS20260101-0000000000000000?queryCode=123456", null, HttpStatusCode.NotFound, "not-found");
        yield return new Row("public garbage number", null, null, "GET", "/api/v1/public/cases/%3Cscript%3E?queryCode=1", null, HttpStatusCode.NotFound, "not-found");
        yield return new Row("carrier unknown waybill", "carrier", null, "POST", "/api/v1/carrier/events", Json(new { waybillNumber = "RR000000005CN", status = "in-transit", at = "2026-03-01T10:00:00+08:00" }), HttpStatusCode.NotFound, "not-found");
        yield return new Row("carrier bad status", "carrier", null, "POST", "/api/v1/carrier/events", Json(new { waybillNumber = "EA123456785CN", status = "teleported", at = "2026-03-01T10:00:00+08:00" }), Bad, V);
        yield return new Row("carrier no time", "carrier", null, "POST", "/api/v1/carrier/events", Json(new { waybillNumber = "EA123456785CN", status = "in-transit" }), Bad, V);
    }

    private static IEnumerable<(string Name, string Token)> ForgedTokens()
    {
        static string Make(string key, string issuer = "kuasheng", string audience = "kuasheng-api", DateTime? expires = null)
        {
            var now = DateTime.UtcNow;
            return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = issuer, Audience = audience,
                Claims = new Dictionary<string, object> { ["role"] = "supervisor", ["sub"] = "mallory" },
                IssuedAt = (expires ?? now.AddHours(1)).AddHours(-2), NotBefore = (expires ?? now.AddHours(1)).AddHours(-2), Expires = expires ?? now.AddHours(1),
                SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
            });
        }
        const string devKey = "dev-only-signing-key-of-kuasheng-not-for-production-use";
        yield return ("other key", Make("another-key-that-is-long-enough-for-hmac-256!!"));
        yield return ("expired", Make(devKey, expires: DateTime.UtcNow.AddHours(-1)));
        yield return ("wrong issuer", Make(devKey, issuer: "evil"));
        yield return ("wrong audience", Make(devKey, audience: "other-api"));
        yield return ("unsigned", new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken("kuasheng", "kuasheng-api",
            [new System.Security.Claims.Claim("role", "supervisor"), new System.Security.Claims.Claim("sub", "mallory")], DateTime.UtcNow, DateTime.UtcNow.AddHours(1))));
        yield return ("garbage", "not.a.token");
        yield return ("tampered role", TamperRole(Make(devKey)));
    }

    private static string TamperRole(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("supervisor", "operator", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    [Fact]
    public async Task Every_hostile_request_gets_its_4xx_and_code_and_changes_nothing()
    {
        var rows = Rows().ToList();
        Assert.True(rows.Count >= 100, $"only {rows.Count} rows");

        using var window = node.Client("window", "qj-window");
        var created = await window.Post("/api/v1/cases", Application("1-6", QijiangId), Guid.NewGuid().ToString());
        Expect(created, HttpStatusCode.Created);
        var caseId = created.Text("caseId");
        var before = (await window.Get($"/api/v1/cases/{caseId}")).Body!.ToJsonString();

        var failures = new List<string>();
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        foreach (var row in rows)
        {
            var request = new HttpRequestMessage(new HttpMethod(row.Method), row.Path.Replace(CaseSlot, caseId, StringComparison.Ordinal));
            var token = row.Token ?? (row.Role is null ? null : node.Token(row.Role, row.Unit));
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (row.Body is not null)
            {
                request.Content = new StringContent(row.Body, Encoding.UTF8);
                request.Content.Headers.ContentType = row.ContentType is null ? null : new MediaTypeHeaderValue(row.ContentType);
            }
            var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            string? code = null;
            try { code = JsonNode.Parse(text)?["code"]?.GetValue<string>(); } catch (System.Text.Json.JsonException) { }
            if (response.StatusCode != row.Status || code != row.Code || (int)response.StatusCode >= 500 || text.Contains("   at ", StringComparison.Ordinal))
                failures.Add($"{row.Name}: expected {(int)row.Status} {row.Code}, got {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {rows.Count} rows failed:\n" + string.Join("\n", failures));

        var after = (await window.Get($"/api/v1/cases/{caseId}")).Body!.ToJsonString();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_413()
    {
        using var window = node.Client("window", "qj-window");
        var huge = SubmitWith(b => Set(b, "applicant.name", new string('x', 1_100_000)));
        var response = await window.PostRaw("/api/v1/cases", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("payload-too-large", response.Code);
    }
}
