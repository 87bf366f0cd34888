using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KuaSheng.Testing;

/// <summary>An OpenID Connect provider as far as a resource server sees one, on a loopback port: its metadata
/// (<c>/.well-known/openid-configuration</c>) and its keys (<c>/jwks</c>, changeable with <see cref="Publish"/>), and
/// tokens signed with any key the test holds. Counts the JWKS fetches. A test that needs more of a provider (the console's
/// sign-in: authorization, token and end-session endpoints) maps them on the same host with <see cref="StartAsync"/>'s
/// arguments. Linked into the API's and the console's tests.</summary>
public sealed class LoopbackIdentityProvider : IAsyncDisposable
{
    private WebApplication? _app;
    private volatile SecurityKey[] _published = [];
    private int _jwksFetches;

    public string Authority { get; private set; } = "";
    public string Issuer => Authority;
    public int JwksFetches => _jwksFetches;

    public static RsaSecurityKey NewRsaKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    public static ECDsaSecurityKey NewEcKey(string kid) => new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = kid };

    /// <param name="endpoints">More endpoints of the provider, mapped on its host.</param>
    /// <param name="metadata">More entries of its metadata: name to path (<c>["token_endpoint"] = "/token"</c>).</param>
    public async Task StartAsync(Action<WebApplication>? endpoints = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var port = LoopbackPorts.Next();
        Authority = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Authority);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () =>
        {
            var document = new JsonObject
            {
                ["issuer"] = Issuer,
                ["jwks_uri"] = $"{Authority}/jwks",
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256", "ES256"),
            };
            foreach (var (name, path) in metadata ?? new Dictionary<string, string>()) document[name] = Authority + path;
            return Results.Text(document.ToJsonString(), "application/json");
        });
        _app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref _jwksFetches);
            var keys = new JsonArray();
            foreach (var key in _published) keys.Add(JsonNode.Parse(PublicJwk(key)));
            return Results.Text(new JsonObject { ["keys"] = keys }.ToJsonString(), "application/json");
        });
        endpoints?.Invoke(_app);
        await _app.StartAsync();
    }

    /// <summary>The keys the JWKS lists from now on (public parts only).</summary>
    public void Publish(params SecurityKey[] keys) => _published = keys;

    private static string PublicJwk(SecurityKey key)
    {
        var jwk = key switch
        {
            RsaSecurityKey rsa => JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.Rsa.ExportParameters(false)) { KeyId = rsa.KeyId }),
            ECDsaSecurityKey ec => JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ec.ECDsa.ExportParameters(false))) { KeyId = ec.KeyId }),
            _ => throw new ArgumentException("RSA or EC keys only", nameof(key)),
        };
        var node = new JsonObject { ["kty"] = jwk.Kty, ["kid"] = jwk.Kid, ["use"] = "sig" };
        if (jwk.Kty == "RSA") { node["n"] = jwk.N; node["e"] = jwk.E; node["alg"] = "RS256"; }
        else { node["crv"] = jwk.Crv; node["x"] = jwk.X; node["y"] = jwk.Y; node["alg"] = "ES256"; }
        return node.ToJsonString();
    }

    /// <summary>A token as the provider would issue it; every part can be made wrong.</summary>
    public string Token(SecurityKey key, string algorithm, IDictionary<string, object> claims, string? audience = "kuasheng-test",
        string? issuer = null, DateTime? notBefore = null, DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = (notBefore ?? now).AddSeconds(-1),
            NotBefore = notBefore ?? now,
            Expires = expires ?? now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
