namespace KuaSheng.Api.Auth;

/// <summary>Token settings (configuration section <c>KuaSheng:Auth</c>). Two kinds of token: the identity provider's
/// (<see cref="Oidc"/>, RS256/ES256 with its published keys; the only kind a production node accepts), and the node's own
/// HS256 tokens signed with <see cref="SigningKey"/> (the single node and the local cluster: dev tokens, tests).</summary>
public sealed class AuthSettings
{
    /// <summary>The key the dev configurations ship in the repository: public knowledge, refused in production.</summary>
    public const string DevSigningKey = "dev-only-signing-key-of-kuasheng-not-for-production-use";

    public string Issuer { get; set; } = "kuasheng";
    public string Audience { get; set; } = "kuasheng-api";
    /// <summary>HMAC-SHA256 key, at least 32 bytes of UTF-8.</summary>
    public string SigningKey { get; set; } = "";
    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(12);
    public OidcSettings Oidc { get; set; } = new();

    /// <summary>Whether the node accepts its own HS256 tokens: never in production; elsewhere when there is a key, or when
    /// there is no identity provider (then the key is required, and its absence refused at start).</summary>
    public bool LocalTokens(bool production) => !production && (!string.IsNullOrEmpty(SigningKey) || !Oidc.Enabled);

    /// <summary>What a node must not start with (the host's start checks): a production node without an identity provider
    /// or with the dev key, and any setting of the provider that cannot work.</summary>
    public IEnumerable<string> Problems(bool production)
    {
        if (production && !Oidc.Enabled)
            yield return "KuaSheng:Auth:Oidc:Authority (or MetadataAddress) and Audience are required in a production configuration " +
                         "(KuaSheng:Production): production accepts only tokens of the identity provider (统一身份认证, OpenID Connect, " +
                         "RS256/ES256). The HS256 KuaSheng:Auth:SigningKey is for the single node and the local cluster; see README, " +
                         "\"Connecting the identity provider\".";
        if (production && SigningKey == DevSigningKey)
            yield return "KuaSheng:Auth:SigningKey is the dev key of the repository in a production configuration: anyone can sign " +
                         "tokens with it. Remove KuaSheng:Auth:SigningKey / KuaSheng__Auth__SigningKey (production does not use it).";
        foreach (var problem in Oidc.Problems()) yield return problem;
    }
}
