using KuaSheng.Actors.Reference;
using KuaSheng.Actors.Time;
using KuaSheng.Api.Ledger;
using KuaSheng.Console.Localization;
using KuaSheng.Console.Navigation;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Ledger;
using KuaSheng.Domain.Units;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace KuaSheng.Console.Pages.Ledger;

/// <summary>
/// 月度台账: the month's ledger of <c>GET /ledger</c> as a table — the same report (<see cref="LedgerReports"/>), the same
/// columns (<see cref="LedgerColumns"/>), the same rule (<see cref="LedgerAccess"/>: supervisors any unit or all, officers
/// and windows their own) — with the API's xlsx and CSV files (<see cref="LedgerFiles"/>) and a print stylesheet.
/// </summary>
public sealed class LedgerModel(LedgerReports ledgers, ReferenceDataStore reference, IClock clock) : ConsolePageModel
{
    public static readonly ConsoleScreen Screen = new("/console/ledger", T.Ledger, 60, LedgerAccess.MayRead);

    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? UnitId { get; set; }

    public LedgerReport? Report { get; private set; }
    public Text? Problem { get; private set; }

    /// <summary>The unit filter: every unit for a supervisor; none (its own unit only) for the others.</summary>
    public IReadOnlyList<Unit> Units => LedgerAccess.ReadsEveryUnit(Me!) ? reference.Current.Units.All : [];

    public string? UnitName(string? id) => id is null ? null : reference.Current.Units.Find(id)?.Name;

    public Task<IActionResult> OnGetAsync() => Answer(null);

    public Task<IActionResult> OnGetXlsxAsync() => Answer("xlsx");

    public Task<IActionResult> OnGetCsvAsync() => Answer("csv");

    private async Task<IActionResult> Answer(string? file)
    {
        var today = CaseContext.ChinaDate(clock.Now);
        Month = string.IsNullOrWhiteSpace(Month) ? new LedgerMonth(today.Year, today.Month).ToString() : Month.Trim();
        if (!LedgerMonth.TryParse(Month, out var month)) return Refuse(StatusCodes.Status400BadRequest, T.BadMonth);
        var (allowed, unitId) = LedgerAccess.Scope(Me!, string.IsNullOrWhiteSpace(UnitId) ? null : UnitId.Trim());
        if (!allowed) return Refuse(StatusCodes.Status403Forbidden, T.ForbiddenDetail);
        if (unitId is not null && !ledgers.IsUnit(unitId)) return Refuse(StatusCodes.Status404NotFound, T.UnknownUnit);
        UnitId = unitId;
        Report = await ledgers.BuildAsync(month, unitId, HttpContext.RequestAborted);
        return file switch
        {
            "xlsx" => File(LedgerFiles.Xlsx(Report), LedgerFiles.XlsxContentType, LedgerFiles.FileName(Report, unitId, "xlsx")),
            "csv" => File(LedgerFiles.Csv(Report), LedgerFiles.CsvContentType, LedgerFiles.FileName(Report, unitId, "csv")),
            _ => Page(),
        };
    }

    private IActionResult Refuse(int status, Text problem)
    {
        Response.StatusCode = status;
        Problem = problem;
        return Page();
    }

    /// <summary>A download's address: this month and unit.</summary>
    public string FileUrl(string handler) => Screen.Path + QueryString.Create(new Dictionary<string, string?>
    {
        ["handler"] = handler, ["month"] = Month, ["unitId"] = UnitId,
    }.Where(p => p.Value is not null)).ToUriComponent();
}
