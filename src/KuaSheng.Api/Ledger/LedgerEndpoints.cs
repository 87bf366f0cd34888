using KuaSheng.Actors.ReadModel;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Catalogue;
using KuaSheng.Api.Problems;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Ledger;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KuaSheng.Api.Ledger;

public sealed record LedgerColumnView(string Key, string Header);

/// <summary>The ledger of a month as JSON: the month's bounds (+08:00), the columns (JSON key and Chinese header), and the
/// rows, each an object with one member per column.</summary>
public sealed record LedgerView(string Month, DateTimeOffset From, DateTimeOffset To, string? UnitId, IReadOnlyList<LedgerColumnView> Columns,
    IReadOnlyList<Dictionary<string, object?>> Rows);

/// <summary>
/// GET /ledger: the monthly ledger (台账) from the read model (<see cref="LedgerFacts"/> says which unit each figure
/// counts for). Supervisors read every unit's, or one unit's with <c>unitId</c>; officers and windows their own
/// unit's only; everyone else gets 403. <c>format=csv|xlsx</c> gives the same rows as a file.
/// </summary>
public static class LedgerEndpoints
{
    public static IServiceCollection AddLedgerEndpoints(this IServiceCollection services) =>
        ReferenceGateway.Register(services).AddSingleton<LedgerReports>();

    public static RouteGroupBuilder MapLedgerEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/ledger", Get).RequireAuthorization().WithTags("Ledger")
            .WithSummary("台账: the monthly ledger per unit, by item and mode, with unit subtotals and a total row")
            .WithDescription("month=YYYY-MM (China time), unitId (supervisors: optional; officers and windows: their own unit, the default), " +
                             "format=json (default) | csv (UTF-8 with BOM, Chinese headers) | xlsx (sheet \"台账 YYYY-MM\"). " +
                             "The read model follows the journal within about a second.")
            // One 200 with three media types (the schema describes the JSON; the files carry the same rows and columns).
            .Produces<LedgerView>(StatusCodes.Status200OK, "application/json", "text/csv", LedgerFiles.XlsxContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> Get(HttpContext http, string? month, string? unitId, string? format, LedgerReports ledgers)
    {
        if (Caller.From(http.User) is not { } caller) return Problem.Forbidden("Unknown caller.");
        if (!LedgerAccess.MayRead(caller))
            return Problem.Forbidden("Only supervisors, and the officers and windows of a unit, read ledgers.");

        var errors = new Dictionary<string, string[]>();
        if (!LedgerMonth.TryParse(month?.Trim(), out var ledgerMonth)) errors["month"] = ["month is a month, YYYY-MM (e.g. 2026-10)."];
        format = string.IsNullOrWhiteSpace(format) ? "json" : format.Trim();
        if (format is not ("json" or "csv" or "xlsx")) errors["format"] = ["format is json, csv or xlsx."];
        if (errors.Count > 0) return Problem.Validation(errors);

        var asked = string.IsNullOrWhiteSpace(unitId) ? null : unitId.Trim();
        (var allowed, unitId) = LedgerAccess.Scope(caller, asked);
        if (!allowed) return Problem.Forbidden($"Unit {ProblemText.Shown(asked)} is not yours; you read the ledger of {caller.Units[0]}.");
        if (unitId is not null && !ledgers.IsUnit(unitId)) return Problem.NotFound($"Unit {ProblemText.Shown(unitId)} was not found.");

        var report = await ledgers.BuildAsync(ledgerMonth, unitId, http.RequestAborted);
        return format switch
        {
            "csv" => TypedResults.File(LedgerFiles.Csv(report), LedgerFiles.CsvContentType, LedgerFiles.FileName(report, unitId, "csv")),
            "xlsx" => TypedResults.File(LedgerFiles.Xlsx(report), LedgerFiles.XlsxContentType, LedgerFiles.FileName(report, unitId, "xlsx")),
            _ => TypedResults.Ok(new LedgerView(ledgerMonth.ToString(), ledgerMonth.Start, ledgerMonth.End, unitId,
                [.. LedgerColumns.All.Select(c => new LedgerColumnView(c.Key, c.Header))], [.. report.Rows.Select(LedgerColumns.JsonRow)])),
        };
    }
}
