using System.Globalization;
using KuaSheng.Actors.ReadModel;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Problems;
using KuaSheng.Domain;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KuaSheng.Api.Cases;

/// <summary>A case in a list (the read model): no personal data.</summary>
public sealed record CaseSummaryView(string CaseId, string CaseNumber, string ItemCode, string Mode, string Channel, string? ReceivingUnitId,
    string Status, string? Outcome, DateTimeOffset SubmittedAt, DateTimeOffset? CompletedAt, bool Overdue);

public sealed record CaseSearchView(IReadOnlyList<CaseSummaryView> Items, long Total);

/// <summary>
/// GET /cases: case search over the read model (<see cref="CaseReadModelStore"/>), which follows the journal within
/// a fraction of a second, so a case just changed may show its previous status for a moment. Supervisors and
/// operators search every case; windows, officers and integrations the cases one of their units is involved in
/// (receiving unit, a leg, a deadline).
/// </summary>
public static class CaseSearchEndpoints
{
    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapCaseSearchEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/cases", Search).RequireAuthorization().WithTags("Cases")
            .WithSummary("Search cases (read model): unitId, status, itemCode, from/to (submission dates, +08:00), overdue, page, pageSize")
            .Produces<CaseSearchView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<IResult> Search(HttpContext http, CaseReadModelStore store)
    {
        if (Caller.From(http.User) is not { } caller) return Problem.Forbidden("Unknown caller.");
        if (!UnitAccess.MaySearch(caller))
            return Problem.Forbidden("Your role does not search cases.");

        var query = http.Request.Query;
        var errors = new Dictionary<string, string[]>();
        string? Text(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        void Error(string name, string message) => errors[name] = [message];

        var unitId = Text("unitId");
        string? status = null;
        if (Text("status") is { } s)
        {
            if (Kebab.TryParse<CaseStatus>(s, out var parsed)) status = parsed.ToKebab();
            else Error("status", $"Unknown status '{s}'; one of {string.Join(", ", Enum.GetValues<CaseStatus>().Select(v => v.ToKebab()))}.");
        }
        var from = Date("from", Text("from"), Error);
        var to = Date("to", Text("to"), Error);
        if (from is { } f && to is { } t && t < f) Error("to", "to must not be before from.");
        bool? overdue = null;
        if (Text("overdue") is { } o)
        {
            if (o is "true" or "false") overdue = o == "true";
            else Error("overdue", "overdue is true or false.");
        }
        var page = Number("page", Text("page"), 1, 1, int.MaxValue, Error);
        var pageSize = Number("pageSize", Text("pageSize"), 20, 1, MaxPageSize, Error);
        if (errors.Count > 0) return Problem.Validation(errors);

        var (allowed, units) = UnitAccess.SearchScope(caller, unitId);
        if (!allowed) return Problem.Forbidden($"Unit {unitId} is not yours.");

        var result = await store.SearchAsync(new CaseSearch(units, status, Text("itemCode"),
            from is { } start ? StartOfDay(start) : null, to is { } end ? StartOfDay(end.AddDays(1)) : null, overdue, page, pageSize), http.RequestAborted);
        return TypedResults.Ok(new CaseSearchView(
            [.. result.Items.Select(r => new CaseSummaryView(r.CaseId, r.CaseNumber, r.ItemCode, r.Mode, r.Channel, r.ReceivingUnitId, r.Status,
                r.Outcome, r.SubmittedAt, r.CompletedAt, r.Overdue))],
            result.Total));
    }

    private static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), CaseContext.ChinaOffset);

    private static DateOnly? Date(string name, string? text, Action<string, string> error)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        error(name, $"{name} is a date, YYYY-MM-DD.");
        return null;
    }

    private static int Number(string name, string? text, int fallback, int min, int max, Action<string, string> error)
    {
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        error(name, max == int.MaxValue ? $"{name} is a whole number from {min}." : $"{name} is a whole number from {min} to {max}.");
        return fallback;
    }
}
