namespace KuaSheng.Api.Problems;

/// <summary>The stable problem codes of API.md. Integrations branch on these: never rename one.</summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation-failed";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not-found";
    public const string IllegalTransition = "illegal-transition";
    public const string Conflict = "conflict";
    public const string NoRoute = "no-route";
    public const string PayloadTooLarge = "payload-too-large";
    public const string Unavailable = "unavailable";
    /// <summary>415: the body is not JSON (an addition to API.md's list).</summary>
    public const string UnsupportedMediaType = "unsupported-media-type";
    /// <summary>405: the address exists, not with this method (an addition to API.md's list).</summary>
    public const string MethodNotAllowed = "method-not-allowed";
    /// <summary>429 with Retry-After: too many requests from this address, or too many wrong query codes for this case
    /// (an addition to API.md's list).</summary>
    public const string TooManyRequests = "too-many-requests";
}
