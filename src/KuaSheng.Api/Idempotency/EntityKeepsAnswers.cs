using Microsoft.AspNetCore.Http;

namespace KuaSheng.Api.Idempotency;

/// <summary>
/// Endpoint metadata: the entity that runs this endpoint's command keeps its answers (the case steps: the case writes the
/// command id and the request's hash with the command's events, and answers a repeat as the first time, from its
/// journal). The Idempotency-Key middleware then writes no record for a success; it keeps only refusals (4xx), which
/// change nothing on the entity, and answers from a record when one exists.
/// </summary>
public sealed class EntityKeepsAnswers
{
    public static readonly EntityKeepsAnswers Instance = new();

    /// <summary><c>HttpContext.Items</c> key of the request's hash (a string), set by the middleware for the endpoint.</summary>
    public const string RequestHashItem = "kuasheng.idempotency.request-hash";

    /// <summary><c>HttpContext.Items</c> key the endpoint sets when its refusal must not be kept under the key (the key was
    /// used with another request: keeping the refusal would hide the first request's answer).</summary>
    public const string DoNotKeepItem = "kuasheng.idempotency.do-not-keep";

    /// <summary><c>HttpContext.Items</c> key the middleware sets when the entity may only answer again a command it applied
    /// and must decide nothing (the key's record is a refusal of another request: see
    /// <c>IdempotencyMiddleware.RepeatOrConflict</c>); the endpoint then sends its command as a repeat
    /// (<c>CaseRepeat</c>).</summary>
    public const string RepeatOnlyItem = "kuasheng.idempotency.repeat-only";

    /// <summary>True when the endpoint's entity is asked only to answer again (<see cref="RepeatOnlyItem"/>).</summary>
    public static bool RepeatOnly(HttpContext http) => http.Items.ContainsKey(RepeatOnlyItem);
}
