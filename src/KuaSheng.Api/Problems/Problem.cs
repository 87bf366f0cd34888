using KuaSheng.Domain.Cases;
using Microsoft.AspNetCore.Http;

namespace KuaSheng.Api.Problems;

/// <summary>RFC 7807 answers with a stable <c>code</c>. Never a stack trace.</summary>
public static class Problem
{
    private const string CodeItem = "kuasheng.problem.code";

    public static IResult Of(int status, string code, string title, string detail, IDictionary<string, string[]>? errors = null,
        TimeSpan? retryAfter = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (errors is not null)
            extensions["errors"] = errors.ToDictionary(e => e.Key, e => e.Value.Select(ProblemText.Redact).ToArray());
        IResult result = TypedResults.Problem(detail: ProblemText.Redact(detail), statusCode: status, title: title, extensions: extensions);
        if (retryAfter is { } wait) result = new WithRetryAfter(result, wait);
        return new Coded(result, code);
    }

    /// <summary>The problem code answered to this request, if a problem was (for the audit trail).</summary>
    public static string? CodeOf(HttpContext http) => http.Items[CodeItem] as string;

    public static IResult Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        Of(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, "The request is not valid",
            detail ?? "One or more fields are not valid; see errors.", errors);

    public static IResult Validation(string field, string message) => Validation(new Dictionary<string, string[]> { [field] = [message] }, message);

    public static IResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "Not found", detail);

    public static IResult Forbidden(string detail) => Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden", detail);

    public static IResult Conflict(string detail) => Of(StatusCodes.Status409Conflict, ProblemCodes.Conflict, "Conflict", detail);

    public static IResult Unavailable(string detail) =>
        Of(StatusCodes.Status503ServiceUnavailable, ProblemCodes.Unavailable, "Temporarily unavailable", detail, retryAfter: TimeSpan.FromSeconds(5));

    /// <summary>429: come back after <paramref name="retryAfter"/> (sent as <c>Retry-After</c> in whole seconds).</summary>
    public static IResult TooManyRequests(string detail, TimeSpan retryAfter) =>
        Of(StatusCodes.Status429TooManyRequests, ProblemCodes.TooManyRequests, "Too many requests", detail, retryAfter: retryAfter);

    /// <summary>A domain refusal as HTTP: the refusal's code is the problem code.</summary>
    public static IResult From(Refusal refusal) => refusal.Code switch
    {
        RefusalCodes.ValidationFailed => Validation(
            refusal.Errors is { Count: > 0 } e ? new Dictionary<string, string[]>(e) : new Dictionary<string, string[]> { ["request"] = [refusal.Message] },
            refusal.Message),
        RefusalCodes.Forbidden => Forbidden(refusal.Message),
        RefusalCodes.NotFound => NotFound(refusal.Message),
        RefusalCodes.IllegalTransition => Of(StatusCodes.Status409Conflict, ProblemCodes.IllegalTransition, "Step not allowed now", refusal.Message),
        RefusalCodes.NoRoute => Of(StatusCodes.Status409Conflict, ProblemCodes.NoRoute, "No unit can take the case", refusal.Message),
        _ => Conflict(refusal.Message),
    };

    /// <summary>Remembers the code on the request as the problem is written.</summary>
    private sealed class Coded(IResult inner, string code) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Items[CodeItem] = code;
            return inner.ExecuteAsync(httpContext);
        }
    }

    private sealed class WithRetryAfter(IResult inner, TimeSpan wait) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
