using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KuaSheng.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace KuaSheng.Console.Tests;

/// <summary>
/// An identity provider a browser signs in at, on a loopback port: <see cref="LoopbackIdentityProvider"/>'s metadata and
/// keys, plus an authorization endpoint that signs in <see cref="Account"/> at once (no page) and sends the browser back
/// with a code, a token endpoint that redeems it for an RS256 id_token, and an end-session endpoint. It checks what a
/// real provider checks — the client id, the registered redirect URI, a state and a nonce, an S256 PKCE challenge; at
/// the token endpoint the client secret, the code (once only), its redirect URI and the verifier against the challenge —
/// and writes down every request it refuses (<see cref="TakeRefusals"/>). <see cref="Next"/> makes the next answer go wrong.
/// </summary>
public sealed class LoopbackSignInProvider : IAsyncDisposable
{
    public const string ClientId = "kuasheng-console-test";
    public const string ClientSecret = "console-test-client-secret";

    private readonly LoopbackIdentityProvider _provider = new();
    private readonly RsaSecurityKey _key = LoopbackIdentityProvider.NewRsaKey("console-rsa-1");
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private readonly ConcurrentQueue<Dictionary<string, string>> _endSessions = new();
    private string? _lastCode;
    private int _redeemed;

    /// <summary>What the authorization endpoint answers the next time (then <see cref="Answer.Code"/> again).</summary>
    public enum Answer { Code, AccessDenied, TamperedState, ReplayedCode }

    private sealed record Grant(string RedirectUri, string Nonce, string Challenge, Dictionary<string, object> Claims);

    public string Authority => _provider.Authority;

    /// <summary>The node's address: the redirect URIs registered for <see cref="ClientId"/> are under it.</summary>
    public string NodeUrl { get; set; } = "";

    /// <summary>The claims of whoever signs in next, under the provider's own names.</summary>
    public Dictionary<string, object> Account { get; set; } = new() { ["sub"] = "nobody" };

    public Answer Next { get; set; } = Answer.Code;

    /// <summary>The requests refused since the last call, and forgets them.</summary>
    public List<string> TakeRefusals()
    {
        var taken = new List<string>();
        while (_refusals.TryDequeue(out var refusal)) taken.Add(refusal);
        return taken;
    }

    /// <summary>The end-session requests, their query parameters each.</summary>
    public IReadOnlyCollection<Dictionary<string, string>> EndSessions => _endSessions;

    /// <summary>Codes redeemed at the token endpoint.</summary>
    public int Redeemed => _redeemed;

    public async Task StartAsync()
    {
        _provider.Publish(_key);
        await _provider.StartAsync(app =>
        {
            app.MapGet("/authorize", Authorize);
            app.MapPost("/token", TokenAsync);
            app.MapGet("/end-session", EndSession);
        }, new Dictionary<string, string>
        {
            ["authorization_endpoint"] = "/authorize",
            ["token_endpoint"] = "/token",
            ["end_session_endpoint"] = "/end-session",
        });
    }

    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        string redirectUri = q["redirect_uri"].ToString(), state = q["state"].ToString(), nonce = q["nonce"].ToString();
        if (q["client_id"] != ClientId) return Refuse($"authorize: unknown client {q["client_id"]}");
        // Never send the browser to an address not registered for the client.
        if (redirectUri != NodeUrl + "/console/signin-oidc") return Refuse($"authorize: redirect_uri {redirectUri} is not registered");
        if (q["response_type"] != "code") return Refuse($"authorize: response_type {q["response_type"]}");
        if (!q["scope"].ToString().Split(' ').Contains("openid")) return Refuse("authorize: no openid scope");
        if (state.Length == 0 || nonce.Length == 0) return Refuse("authorize: no state or nonce");
        if (q["code_challenge_method"] != "S256" || q["code_challenge"].ToString().Length < 43) return Refuse("authorize: no S256 PKCE challenge");

        var answer = Next;
        Next = Answer.Code;
        if (answer == Answer.AccessDenied)
            return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, new Dictionary<string, string?> { ["error"] = "access_denied", ["state"] = state }));
        var code = answer == Answer.ReplayedCode && _lastCode is { } used ? used : NewCode();
        if (answer != Answer.ReplayedCode) _codes[code] = new Grant(redirectUri, nonce, q["code_challenge"].ToString(), new Dictionary<string, object>(Account));
        _lastCode = code;
        var sentState = answer == Answer.TamperedState ? Tamper(state) : state;
        return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, new Dictionary<string, string?> { ["code"] = code, ["state"] = sentState }));
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        // client_secret_post (what ASP.NET Core's handler sends) or client_secret_basic.
        var (id, secret) = BasicCredentials(request) ?? (form["client_id"].ToString(), form["client_secret"].ToString());
        if (id != ClientId || secret != ClientSecret) return TokenError(401, "invalid_client", "token: wrong client credentials");
        if (form["grant_type"] != "authorization_code") return TokenError(400, "unsupported_grant_type", $"token: grant_type {form["grant_type"]}");
        if (!_codes.TryRemove(form["code"].ToString(), out var grant)) return TokenError(400, "invalid_grant", "token: unknown or used code");
        if (form["redirect_uri"] != grant.RedirectUri) return TokenError(400, "invalid_grant", "token: redirect_uri differs from the authorization's");
        if (Challenge(form["code_verifier"].ToString()) != grant.Challenge) return TokenError(400, "invalid_grant", "token: code_verifier does not match the challenge");
        Interlocked.Increment(ref _redeemed);
        var claims = new Dictionary<string, object>(grant.Claims) { ["nonce"] = grant.Nonce };
        return Results.Text(new JsonObject
        {
            ["access_token"] = NewCode(),
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["id_token"] = _provider.Token(_key, SecurityAlgorithms.RsaSha256, claims, audience: ClientId),
        }.ToJsonString(), "application/json");
    }

    private IResult EndSession(HttpRequest request)
    {
        var q = request.Query;
        _endSessions.Enqueue(q.ToDictionary(p => p.Key, p => p.Value.ToString()));
        if (q["client_id"] != ClientId) return Refuse($"end-session: unknown client {q["client_id"]}");
        if (q["post_logout_redirect_uri"] != NodeUrl + "/console/signout-oidc")
            return Refuse($"end-session: post_logout_redirect_uri {q["post_logout_redirect_uri"]} is not registered");
        return Results.Redirect(QueryHelpers.AddQueryString(q["post_logout_redirect_uri"].ToString(),
            new Dictionary<string, string?> { ["state"] = q["state"].ToString() }));
    }

    private IResult Refuse(string why)
    {
        _refusals.Enqueue(why);
        return Results.Text(why, "text/plain", statusCode: 400);
    }

    private IResult TokenError(int status, string error, string why)
    {
        _refusals.Enqueue(why);
        return Results.Text(new JsonObject { ["error"] = error }.ToJsonString(), "application/json", statusCode: status);
    }

    private static (string, string)? BasicCredentials(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
        return pair.Length == 2 ? (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1])) : null;
    }

    private static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string NewCode() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>The state with one character in its middle changed: still well-formed, no longer what the node protected.</summary>
    private static string Tamper(string state)
    {
        var chars = state.ToCharArray();
        var i = chars.Length / 2;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
