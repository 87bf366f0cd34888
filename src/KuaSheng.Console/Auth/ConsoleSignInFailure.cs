using KuaSheng.Console.Localization;
using Microsoft.AspNetCore.Http;

namespace KuaSheng.Console.Auth;

/// <summary>Why a sign-in with the identity provider ended on the sign-in page instead of a screen: a short code in its
/// query (<c>/console/signin?failed=no-role</c>), never the provider's own words, shown as one of the console's messages.</summary>
public static class ConsoleSignInFailure
{
    public const string QueryName = "failed";

    /// <summary>The provider's account has no role of API.md under the configured claim (未授权): no cookie.</summary>
    public const string NoRole = "no-role";

    /// <summary>The user cancelled or refused at the provider (<c>error=access_denied</c>).</summary>
    public const string Denied = "denied";

    /// <summary>Anything else: a state or correlation that does not check, a code the provider refused, an id_token that
    /// does not validate, a provider that does not answer.</summary>
    public const string Failed = "failed";

    /// <summary>The sign-in page with the message of <paramref name="code"/>, keeping <paramref name="returnUrl"/> (the
    /// page checks it again before using it).</summary>
    public static string PathFor(string code, string? returnUrl)
    {
        var query = QueryString.Create(QueryName, code);
        if (!string.IsNullOrEmpty(returnUrl)) query = query.Add("returnUrl", returnUrl);
        return ConsoleAuth.SignInPath + query;
    }

    /// <summary>The message for a code of the query; null for none, the general one for a code we did not write.</summary>
    public static Text? MessageOf(string? code) => code switch
    {
        null or "" => null,
        NoRole => T.SignInNoRole,
        Denied => T.SignInDenied,
        _ => T.SignInFailed,
    };
}
