using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace KuaSheng.Api.Auth;

/// <summary>Why a request was refused 401 or 403, in a few fixed words (a metric's label: never the token or its
/// claims). The bearer handler remembers why a token failed; <see cref="Of"/> reads it after the answer.</summary>
public static class AuthRefusals
{
    private const string ItemKey = "kuasheng.auth.refusal";

    public static void Remember(HttpContext http, string reason) => http.Items[ItemKey] = reason;

    public static string ReasonOf(Exception? e) => e switch
    {
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not-yet-valid",
        SecurityTokenInvalidAudienceException => "audience",
        SecurityTokenInvalidIssuerException => "issuer",
        SecurityTokenInvalidAlgorithmException => "algorithm",
        SecurityTokenSignatureKeyNotFoundException => "unknown-key",
        SecurityTokenInvalidSignatureException => "signature",
        SecurityTokenNoExpirationException => "no-expiry",
        SecurityTokenMalformedException or ArgumentException => "malformed",
        // The provider's metadata or keys could not be fetched.
        InvalidOperationException or HttpRequestException => "provider-unreachable",
        _ => "invalid",
    };

    /// <summary>The reason of a refused request: for 401 what was wrong with the token (or <c>no-token</c>); for 403
    /// <c>no-role</c> when a valid token names no role or subject the API knows, else <c>not-permitted</c>.</summary>
    public static string Of(HttpContext http, int status)
    {
        if (status == StatusCodes.Status401Unauthorized)
            return http.Items[ItemKey] as string
                   ?? (http.Request.Headers.Authorization.Count == 0 ? "no-token" : "invalid");
        return Domain.Access.Caller.From(http.User) is null ? "no-role" : "not-permitted";
    }
}
