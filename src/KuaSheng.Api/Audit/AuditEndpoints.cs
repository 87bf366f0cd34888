using System.Data.Common;
using System.Globalization;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Problems;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KuaSheng.Api.Audit;

/// <summary><c>GET /admin/audit?from=&amp;to=&amp;subject=&amp;limit=&amp;cursor=</c> (operator, supervisor; API.md, Admin):
/// the audit trail newest first, a page at a time (<c>next</c> is the cursor of the following page).</summary>
public static class AuditEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/audit", List).RequireAuthorization().WithTags("Admin")
            .WithSummary("The audit trail of writes outside case steps and of refused admin requests, newest first (operator, supervisor)")
            .WithDescription("from and to (ISO 8601 with offset) bound the time, [from, to); subject keeps one caller's records; limit "
                + $"(1-{MaxLimit}, default {DefaultLimit}) is the page size; cursor is the next of the previous page.")
            .Produces<AuditPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<IResult> List(HttpContext http, AuditTrail trail, string? from = null, string? to = null,
        string? subject = null, string? limit = null, string? cursor = null)
    {
        if (Caller.From(http.User) is not { } caller || !caller.Is(Roles.Operator, Roles.Supervisor))
            return Problem.Forbidden("Only operators and supervisors read the audit trail.");
        var errors = new Dictionary<string, string[]>();
        var since = Time(from, "from", DateTimeOffset.UnixEpoch, errors);
        var until = Time(to, "to", DateTimeOffset.MaxValue.AddYears(-1), errors);
        if (since > until) errors["to"] = ["to must not be before from."];
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
            errors["limit"] = [$"limit is a whole number from 1 to {MaxLimit}."];
        var after = AuditCursor.Decode(cursor);
        if (cursor is not null && after is null) errors["cursor"] = ["cursor is the next of a previous answer, as it was given."];
        if (errors.Count > 0) return Problem.Validation(errors);
        try
        {
            return TypedResults.Ok(await trail.QueryAsync(new AuditQuery(since, until, AuditText.Safe(subject), size, after), http.RequestAborted));
        }
        catch (Exception e) when (e is DbException or TimeoutException)
        {
            return Problem.Unavailable("The audit trail cannot be read just now: the node's database does not answer.");
        }
    }

    private static DateTimeOffset Time(string? text, string field, DateTimeOffset fallback, Dictionary<string, string[]> errors)
    {
        if (text is null) return fallback;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && HasOffset(text)) return at;
        errors[field] = [$"{field} is a time in ISO 8601 with its offset, e.g. 2026-12-01T08:00:00+08:00."];
        return fallback;
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || text.EndsWith('z') || text.Length > 6 && text[^6] is '+' or '-';
}
