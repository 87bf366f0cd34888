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
    public const int MaxPageSize = CaseSearchQuery.MaxPageSize;

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

        var (query, errors) = CaseSearchQuery.Parse(name => http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null);
        if (errors.Count > 0) return Problem.Validation(errors);

        var (allowed, units) = UnitAccess.SearchScope(caller, query.UnitId);
        if (!allowed) return Problem.Forbidden($"Unit {ProblemText.Shown(query.UnitId)} is not yours.");

        var result = await store.SearchAsync(query.ToSearch(units), http.RequestAborted);
        return TypedResults.Ok(new CaseSearchView(
            [.. result.Items.Select(r => new CaseSummaryView(r.CaseId, r.CaseNumber, r.ItemCode, r.Mode, r.Channel, r.ReceivingUnitId, r.Status,
                r.Outcome, r.SubmittedAt, r.CompletedAt, r.Overdue))],
            result.Total));
    }
}
