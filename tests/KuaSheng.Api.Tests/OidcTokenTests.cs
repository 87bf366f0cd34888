using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KuaSheng.Testing;
using Microsoft.IdentityModel.Tokens;

namespace KuaSheng.Api.Tests;

/// <summary>A node with no signing key and no dev features, connected to an identity provider served by the test on a
/// loopback port (issue 13.1): the provider's RS256 and ES256 tokens are accepted and their claims, under the provider's
/// own names, authorize by API.md's rules; a key published after a rotation is used without a restart; every token that
/// is expired, not yet valid, for another audience, from another issuer, unsigned, HS256-signed with the public key, or
/// signed by a key the provider does not publish is refused 401 as a problem.</summary>
public sealed class OidcTokenTests : IAsyncLifetime
{
    private readonly LoopbackIdentityProvider _provider = new();
    private readonly ApiNode _node = new();
    private readonly Microsoft.IdentityModel.Tokens.RsaSecurityKey _rsa = LoopbackIdentityProvider.NewRsaKey("rsa-1");
    private readonly Microsoft.IdentityModel.Tokens.ECDsaSecurityKey _ec = LoopbackIdentityProvider.NewEcKey("ec-1");

    public async Task InitializeAsync()
    {
        await _provider.StartAsync();
        _provider.Publish(_rsa, _ec);
        await _node.StartAsync(
            $"--KuaSheng:Auth:Oidc:Authority={_provider.Authority}",
            "--KuaSheng:Auth:Oidc:Audience=kuasheng-test",
            "--KuaSheng:Auth:Oidc:Claims:Role=kuasheng_role",
            "--KuaSheng:Auth:Oidc:Claims:Unit=org_unit",
            "--KuaSheng:Auth:Oidc:RoleValues:ks-operator=operator",
            "--KuaSheng:Auth:Oidc:RefreshInterval=00:00:01",
            "--KuaSheng:Auth:SigningKey=",
            "--KuaSheng:DevFeatures=false",
            "--KuaSheng:QueryCodes:Secret=" + new string('q', 40));
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _provider.DisposeAsync();
    }

    private static Dictionary<string, object> Claims(string role, string? unit = null, string subject = "idp-user-1")
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["kuasheng_role"] = role };
        if (unit is not null) claims["org_unit"] = unit;
        return claims;
    }

    private ApiClient Client(string token) => new(new Uri(_node.BaseUrl), token);

    private static void Unauthenticated(ApiClient.Response answer)
    {
        Assert.True(answer.Status == HttpStatusCode.Unauthorized, answer.ToString());
        Assert.Equal("unauthenticated", answer.Code);
        Assert.Equal("application/problem+json", answer.Raw.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_RS256_token_is_accepted_and_its_mapped_claims_decide_what_it_may_do()
    {
        // A window of qj-window (role and unit under the provider's claim names) receives a case at its own unit...
        using var window = Client(_provider.Token(_rsa, SecurityAlgorithms.RsaSha256, Claims("window", "qj-window")));
        var created = await window.Post("/api/v1/cases", Scenario.Application("1-6", Scenario.QijiangId), Guid.NewGuid().ToString());
        Scenario.Expect(created, HttpStatusCode.Created);
        var timeline = (await window.Get($"/api/v1/cases/{created.Text("caseId")}")).Body!["timeline"]!.AsArray();
        Assert.Contains("idp-user-1", timeline[0]!["by"]!.GetValue<string>()); // the provider's subject is who did it
        // ...but not at another unit's window.
        using var other = Client(_provider.Token(_rsa, SecurityAlgorithms.RsaSha256, Claims("window", "qj-other-window")));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Post("/api/v1/cases", Scenario.Application("1-6", Scenario.QijiangId), Guid.NewGuid().ToString())).Status);
        // A provider role value is translated (RoleValues): ks-operator is an operator and reads the cluster.
        using var operatorClient = Client(_provider.Token(_rsa, SecurityAlgorithms.RsaSha256, Claims("ks-operator")));
        Scenario.Expect(await operatorClient.Get("/api/v1/admin/cluster"), HttpStatusCode.OK);
        // A claim called "role" is not the configured one: it grants nothing.
        var wrongName = new Dictionary<string, object> { ["sub"] = "idp-user-2", ["role"] = "operator" };
        using var unmapped = Client(_provider.Token(_rsa, SecurityAlgorithms.RsaSha256, wrongName));
        Assert.Equal(HttpStatusCode.Forbidden, (await unmapped.Get("/api/v1/admin/cluster")).Status);
    }

    [Fact]
    public async Task An_ES256_token_is_accepted()
    {
        using var client = Client(_provider.Token(_ec, SecurityAlgorithms.EcdsaSha256, Claims("operator")));
        Scenario.Expect(await client.Get("/api/v1/admin/cluster"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_key_published_after_a_rotation_is_used_without_a_restart()
    {
        using (var before = Client(_provider.Token(_rsa, SecurityAlgorithms.RsaSha256, Claims("operator"))))
            Scenario.Expect(await before.Get("/api/v1/admin/cluster"), HttpStatusCode.OK);
        var rotated = LoopbackIdentityProvider.NewRsaKey("rsa-2");
        _provider.Publish(rotated, _ec);
        // The node refetches the JWKS at most once per RefreshInterval (1 s here) for an unknown kid.
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // past the RefreshInterval another test's unknown kid may have started
        var fetches = _provider.JwksFetches;
        using var after = Client(_provider.Token(rotated, SecurityAlgorithms.RsaSha256, Claims("operator")));
        // The first token with the unknown kid makes the node fetch the JWKS again, and waits for it: accepted at once.
        Scenario.Expect(await after.Get("/api/v1/admin/cluster"), HttpStatusCode.OK);
        Assert.True(_provider.JwksFetches > fetches, "the new key was found by fetching the JWKS again");
        // The retired key no longer signs anything the node accepts.
        using var retired = Client(_provider.Token(_rsa, SecurityAlgorithms.RsaSha256, Claims("operator")));
        Unauthenticated(await retired.Get("/api/v1/admin/cluster"));
    }

    public static TheoryData<string> Refused => ["expired", "not-yet-valid", "wrong-audience", "wrong-issuer", "alg-none",
        "hs256-with-the-public-key", "unknown-kid", "no-token"];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_token_that_is_not_right_in_every_way_is_refused_401(string kind)
    {
        var now = DateTime.UtcNow;
        var claims = Claims("operator");
        var token = kind switch
        {
            "expired" => _provider.Token(_rsa, SecurityAlgorithms.RsaSha256, claims, notBefore: now.AddHours(-2), expires: now.AddMinutes(-5)),
            "not-yet-valid" => _provider.Token(_rsa, SecurityAlgorithms.RsaSha256, claims, notBefore: now.AddMinutes(5), expires: now.AddHours(1)),
            "wrong-audience" => _provider.Token(_rsa, SecurityAlgorithms.RsaSha256, claims, audience: "another-service"),
            "wrong-issuer" => _provider.Token(_rsa, SecurityAlgorithms.RsaSha256, claims, issuer: "https://idp.example.org"),
            "alg-none" => Unsigned(claims),
            "hs256-with-the-public-key" => _provider.Token(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_rsa.Rsa.ExportSubjectPublicKeyInfoPem())) { KeyId = "rsa-1" },
                SecurityAlgorithms.HmacSha256, claims),
            "unknown-kid" => _provider.Token(LoopbackIdentityProvider.NewRsaKey("stranger"), SecurityAlgorithms.RsaSha256, claims),
            "no-token" => null,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var reason = Reasons[kind];
        var before = await RefusedCount(reason);
        using var client = new ApiClient(new Uri(_node.BaseUrl), token);
        Unauthenticated(await client.Get("/api/v1/admin/cluster"));
        // Counted with why (the exporter caches a scrape for a moment: read until it shows).
        double after = 0;
        for (var i = 0; i < 40 && (after = await RefusedCount(reason)) <= before; i++) await Task.Delay(250);
        using var metrics = new HttpClient { BaseAddress = new Uri(_node.BaseUrl) };
        Assert.True(after > before, $"kuasheng_auth_refused_total{{status=401, reason={reason}}} stayed at {before}: " +
            string.Join(" | ", (await metrics.GetStringAsync("/metrics")).Split('\n').Where(l => l.StartsWith("kuasheng_auth_refused_total{", StringComparison.Ordinal))));
    }

    private static readonly Dictionary<string, string> Reasons = new()
    {
        ["expired"] = "expired", ["not-yet-valid"] = "not-yet-valid", ["wrong-audience"] = "audience", ["wrong-issuer"] = "issuer",
        ["alg-none"] = "signature", ["hs256-with-the-public-key"] = "signature", ["unknown-kid"] = "unknown-key", ["no-token"] = "no-token",
    };

    private async Task<double> RefusedCount(string reason)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_node.BaseUrl) };
        var line = (await http.GetStringAsync("/metrics")).Split('\n').FirstOrDefault(l =>
            l.StartsWith("kuasheng_auth_refused_total{", StringComparison.Ordinal) && l.Contains($"reason=\"{reason}\"", StringComparison.Ordinal)
            && l.Contains("status=\"401\"", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary><c>{"alg":"none"}</c>, the provider's kid, a valid payload and no signature.</summary>
    private string Unsigned(Dictionary<string, object> claims)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new JsonObject { ["iss"] = _provider.Issuer, ["aud"] = "kuasheng-test", ["nbf"] = now, ["iat"] = now, ["exp"] = now + 600 };
        foreach (var (name, value) in claims) payload[name] = value.ToString();
        return Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT","kid":"rsa-1"}""") + "." + Base64UrlEncoder.Encode(payload.ToJsonString()) + ".";
    }
}
