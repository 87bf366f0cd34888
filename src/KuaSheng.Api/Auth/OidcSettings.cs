using System.Net;
using Microsoft.IdentityModel.Tokens;

namespace KuaSheng.Api.Auth;

/// <summary>
/// The province's identity provider (统一身份认证), any OpenID Connect provider (configuration section
/// <c>KuaSheng:Auth:Oidc</c>): where its metadata is, which audiences and issuers its tokens must name, which algorithms
/// are accepted and which claims carry the role, unit, units and subject of API.md. Set <see cref="Authority"/> or
/// <see cref="MetadataAddress"/> and the node validates the provider's tokens with its published keys (JWKS).
/// </summary>
public sealed class OidcSettings
{
    /// <summary>The asymmetric algorithms a provider's token may be signed with; HS* and <c>none</c> never.</summary>
    public static readonly IReadOnlySet<string> AsymmetricAlgorithms = new HashSet<string>(StringComparer.Ordinal)
    {
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    };

    public static readonly string[] DefaultAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>The provider's base address; its metadata is <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The metadata document's full address, when it is not under <see cref="Authority"/>.</summary>
    public string? MetadataAddress { get; set; }

    public string? Audience { get; set; }
    public string[]? Audiences { get; set; }

    /// <summary>Issuers accepted; none configured: the <c>issuer</c> of the provider's metadata.</summary>
    public string? Issuer { get; set; }
    public string[]? Issuers { get; set; }

    /// <summary>Accepted signing algorithms; default RS256 and ES256.</summary>
    public string[]? Algorithms { get; set; }

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The least time between two fetches of the metadata and keys asked for by a token whose key (<c>kid</c>)
    /// is unknown: a rotated key is found at once, and a stream of tokens with made-up keys cannot make the node fetch
    /// more often than this.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the metadata and keys are fetched again regardless.</summary>
    public TimeSpan AutomaticRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    public OidcClaimNames Claims { get; set; } = new();

    /// <summary>The provider's role values to API.md's roles (<c>RoleValues:kuasheng-window = window</c>); a value not
    /// listed is taken as it is.</summary>
    public Dictionary<string, string> RoleValues { get; set; } = new(StringComparer.Ordinal);

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(MetadataAddress);

    public IReadOnlyList<string> AllAudiences => Join(Audience, Audiences);

    public IReadOnlyList<string> AllIssuers => Join(Issuer, Issuers);

    public IReadOnlyList<string> AllAlgorithms => Algorithms is { Length: > 0 } a ? a : DefaultAlgorithms;

    /// <summary>The metadata document's address.</summary>
    public string MetadataUrl => !string.IsNullOrWhiteSpace(MetadataAddress)
        ? MetadataAddress!
        : Authority!.TrimEnd('/') + "/.well-known/openid-configuration";

    /// <summary>Plain HTTP is allowed only for a provider on this machine (tests, a provider beside the node): anything
    /// else could be answered by whoever sits on the network, with keys of its own.</summary>
    public bool MetadataOnLoopbackHttp =>
        Uri.TryCreate(MetadataUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri);

    /// <summary>How a token of the provider is validated, for the API's bearer tokens and the console's id_tokens alike:
    /// signed (with the provider's published keys, which the handler's ConfigurationManager supplies) by one of
    /// <see cref="AllAlgorithms"/>, by one of <see cref="AllIssuers"/> (none configured: the metadata's issuer), for one
    /// of <paramref name="audiences"/>, within its lifetime give or take <see cref="ClockSkew"/>.</summary>
    public TokenValidationParameters ValidationParameters(IReadOnlyList<string> audiences)
    {
        var issuers = AllIssuers;
        return new TokenValidationParameters
        {
            ValidateIssuer = true,
            // None configured: the issuer of the provider's metadata.
            ValidIssuers = issuers.Count > 0 ? issuers : null,
            ValidateAudience = true,
            ValidAudiences = audiences,
            ValidAlgorithms = AllAlgorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            RoleClaimType = TokenClaims.Role,
            NameClaimType = TokenClaims.Subject,
        };
    }

    /// <summary>What is wrong with these settings; empty when a node may use them.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Enabled) yield break;
        if (!Uri.TryCreate(MetadataUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            yield return $"KuaSheng:Auth:Oidc: the metadata address \"{MetadataUrl}\" is not an absolute https address.";
        else if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            yield return $"KuaSheng:Auth:Oidc: the metadata address {MetadataUrl} is plain http: whoever sits on the network could " +
                         "answer it with keys of their own. Use https (plain http only for a provider on 127.0.0.1 / ::1 / localhost).";
        if (AllAudiences.Count == 0)
            yield return "KuaSheng:Auth:Oidc:Audience (or Audiences:0) is required: the audience the provider writes into tokens for " +
                         "this service (its client id or API identifier), so that tokens for other services are refused.";
        foreach (var algorithm in AllAlgorithms.Where(a => !AsymmetricAlgorithms.Contains(a)))
            yield return $"KuaSheng:Auth:Oidc:Algorithms: \"{algorithm}\" is not accepted; only asymmetric algorithms " +
                         $"({string.Join(", ", AsymmetricAlgorithms.Order(StringComparer.Ordinal))}).";
        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(5))
            yield return "KuaSheng:Auth:Oidc:ClockSkew must be between 00:00:00 and 00:05:00.";
        if (RefreshInterval < TimeSpan.FromSeconds(1))
            yield return "KuaSheng:Auth:Oidc:RefreshInterval must be at least 00:00:01.";
        foreach (var (from, to) in RoleValues.Where(r => !KuaSheng.Domain.Access.Roles.All.Contains(r.Value)))
            yield return $"KuaSheng:Auth:Oidc:RoleValues:{from} names \"{to}\", which is no role of API.md.";
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);

    private static List<string> Join(string? one, string[]? many) =>
        [.. new[] { one }.Concat(many ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).Distinct(StringComparer.Ordinal)];
}

/// <summary>Which of the provider's claims carry what API.md calls <c>sub</c>, <c>role</c>, <c>unit</c> and
/// <c>units</c> (<c>KuaSheng:Auth:Oidc:Claims:Role = kuasheng_role</c>).</summary>
public sealed class OidcClaimNames
{
    public string Subject { get; set; } = TokenClaims.Subject;
    public string Role { get; set; } = TokenClaims.Role;
    public string Unit { get; set; } = TokenClaims.Unit;
    public string Units { get; set; } = TokenClaims.Units;
}
