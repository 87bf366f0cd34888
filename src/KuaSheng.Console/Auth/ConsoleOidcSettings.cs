using KuaSheng.Api.Auth;

namespace KuaSheng.Console.Auth;

/// <summary>
/// The console as a client of the identity provider (统一身份认证), configuration section <c>KuaSheng:Console:Oidc</c>.
/// Only what is the console's own: its client id and secret at the provider, extra scopes, whether to ask the userinfo
/// endpoint. The provider itself — where its metadata is, which issuers and algorithms are accepted, which claims carry
/// the role and unit — is the API's (<see cref="OidcSettings"/>, <c>KuaSheng:Auth:Oidc</c>): one provider, one mapping.
/// On when <see cref="ClientId"/> is set and the API's provider is configured (<see cref="Enabled"/>).
/// </summary>
public sealed class ConsoleOidcSettings
{
    public const string Section = ConsoleSettings.Section + ":Oidc";

    /// <summary>The console's client id at the provider; the audience its id_tokens must name.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret (best from the environment: <c>KuaSheng__Console__Oidc__ClientSecret</c>). Never logged,
    /// never shown.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A file (a mounted secret) whose first line is the client secret; wins over <see cref="ClientSecret"/>.</summary>
    public string? ClientSecretFile { get; set; }

    /// <summary>Scopes asked for besides <c>openid</c> (a provider may give the role and unit claims only with a scope
    /// of its own).</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>Whether the role and unit claims are also read from the provider's userinfo endpoint (for a provider
    /// that does not put them into the id_token). Default off: the id_token alone.</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(ClientId);

    public bool Enabled(OidcSettings provider) => Configured && provider.Enabled;

    /// <summary>The client secret in force: the file's first line, else <see cref="ClientSecret"/>; null when neither.</summary>
    public string? Secret()
    {
        if (!string.IsNullOrWhiteSpace(ClientSecretFile))
            return File.Exists(ClientSecretFile) ? File.ReadLines(ClientSecretFile).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) : null;
        return string.IsNullOrWhiteSpace(ClientSecret) ? null : ClientSecret.Trim();
    }

    /// <summary>What a node must not start with (the host's start checks): a client id without the API's provider, or
    /// without a secret.</summary>
    public IEnumerable<string> Problems(OidcSettings provider)
    {
        if (!Configured) yield break;
        if (!provider.Enabled)
            yield return $"{Section}:ClientId is set but KuaSheng:Auth:Oidc is not: the console signs in with the identity provider " +
                         "whose tokens the API accepts. Set KuaSheng:Auth:Oidc:Authority (or MetadataAddress) and Audience, or remove " +
                         $"{Section}:ClientId.";
        if (!string.IsNullOrWhiteSpace(ClientSecretFile) && !File.Exists(ClientSecretFile))
            yield return $"{Section}:ClientSecretFile: no file {ClientSecretFile}.";
        else if (Secret() is null)
            yield return $"{Section}:ClientSecret (environment KuaSheng__Console__Oidc__ClientSecret) or {Section}:ClientSecretFile " +
                         "(a mounted file, first line) is required with ClientId: the console redeems its sign-in codes at the " +
                         "provider's token endpoint as a confidential client.";
    }

    public override string ToString() => $"ConsoleOidcSettings {{ ClientId = {ClientId}, Secret = (not shown) }}";
}
