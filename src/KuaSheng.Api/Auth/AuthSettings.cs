namespace KuaSheng.Api.Auth;

/// <summary>JWT settings (configuration section <c>KuaSheng:Auth</c>). The signing key is a secret: the single-node
/// default ships a dev key; production takes it from the environment.</summary>
public sealed class AuthSettings
{
    public string Issuer { get; set; } = "kuasheng";
    public string Audience { get; set; } = "kuasheng-api";
    /// <summary>HMAC-SHA256 key, at least 32 bytes of UTF-8.</summary>
    public string SigningKey { get; set; } = "";
    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
