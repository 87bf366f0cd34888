using System.Text.RegularExpressions;

namespace KuaSheng.Api.OpenApi;

/// <summary>The problem statuses an operation answers besides those its endpoint declares, as the handlers and the
/// middleware really answer them (the API tests validate every answer against the document): a case step checks the
/// body (400), the caller's unit (403), the case (404), the state (409) and may find the case's shard away (503).
/// Every POST answers 400 for a malformed Idempotency-Key and 409 for a key reused with another request (found by the
/// OpenAPI fuzz test). Every operation with a body answers 413 above 1 MB and 415 for a body that is not JSON; every operation limited per client address answers 429
/// (<see cref="Hardening.RateLimits"/>), and the public look-up and rating also for a case locked after too many wrong
/// query codes.</summary>
internal static partial class ProblemStatuses
{
    private static readonly (string Method, Regex Route, string[] Statuses)[] Rules =
    [
        ("POST", Route(@"^api/v1/cases/\{caseId\}/.+$"), ["400", "403", "404", "409", "503"]),
        ("GET", Route(@"^api/v1/cases/\{caseId\}$"), ["403", "404", "503"]),
        ("POST", Route(@"^api/v1/cases$"), ["503"]),
        ("POST", Route(@"^api/v1/tickets$"), ["400", "403", "503"]),
        ("GET", Route(@"^api/v1/tickets$"), ["400", "403"]),
        ("GET", Route(@"^api/v1/tickets/\{ticketId\}$"), ["403", "404", "503"]),
        ("POST", Route(@"^api/v1/tickets/\{ticketId\}/(reply|close)$"), ["400", "403", "404", "409", "503"]),
        ("POST", Route(@"^api/v1/carrier/events$"), ["400", "404", "409", "503"]),
        ("GET", Route(@"^api/v1/catalogue/items/\{code\}$"), ["400"]),
        ("GET", Route(@"^api/v1/public/cases/\{caseNumber\}$"), ["404", "503"]),
        ("POST", Route(@"^api/v1/public/cases/\{caseNumber\}/rating$"), ["400", "404", "409", "503"]),
    ];

    public static IEnumerable<string> For(string? method, string? relativePath, bool hasBody, bool rateLimited)
    {
        var path = relativePath?.TrimEnd('/') ?? "";
        foreach (var (m, route, statuses) in Rules)
            if (string.Equals(m, method, StringComparison.OrdinalIgnoreCase) && route.IsMatch(path))
                foreach (var status in statuses) yield return status;
        // Every POST checks its Idempotency-Key (400) and refuses a key reused for another request (409).
        if (string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase)) { yield return "400"; yield return "409"; }
        // A body may be too large (413) or not JSON (415, also a charset .NET does not know).
        if (hasBody) { yield return "413"; yield return "415"; }
        if (rateLimited) yield return "429";
    }

    private static Regex Route(string pattern) => new(pattern, RegexOptions.CultureInvariant);
}
