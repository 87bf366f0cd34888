using KuaSheng.Actors.ReadModel;
using KuaSheng.Actors.Reference;
using KuaSheng.Api.Cases;
using KuaSheng.Console.Exports;
using KuaSheng.Console.Localization;
using KuaSheng.Console.Navigation;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Units;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace KuaSheng.Console.Pages.Search;

/// <summary>
/// 办件查询: the filters of <c>GET /cases</c> in a GET form (so they stay in the address), checked by the API's own
/// <see cref="CaseSearchQuery"/> and scoped by the API's rule (<see cref="UnitAccess.SearchScope"/>); a page of rows, each
/// linking to the case's detail page, and the whole result as CSV (<see cref="CaseSearchCsv"/>).
/// </summary>
public sealed class SearchModel(CaseReadModelStore store, ReferenceDataStore reference) : ConsolePageModel
{
    public static readonly ConsoleScreen Screen = new("/console/search", T.CaseSearch, 50, UnitAccess.MaySearch);

    public CaseSearchQuery Query { get; private set; } = CaseSearchQuery.Parse(_ => null).Query;
    public CaseSearchResult? Result { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public Text? Problem { get; private set; }

    public int Pages => Result is null ? 0 : (int)Math.Max(1, (Result.Total + Query.PageSize - 1) / Query.PageSize);

    /// <summary>The units the unit filter offers: every unit to whoever searches all, else the caller's own.</summary>
    public IReadOnlyList<Unit> Units => UnitAccess.SearchesAll(Me!)
        ? reference.Current.Units.All
        : [.. reference.Current.Units.All.Where(u => Me!.ActsFor(u.Id))];

    public async Task OnGetAsync()
    {
        if (!TryScope(out var units)) return;
        Result = await store.SearchAsync(Query.ToSearch(units), HttpContext.RequestAborted);
    }

    /// <summary>Every case the filters match, streamed as it is read: no cut-off, however many.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (!TryScope(out var units)) return Page();
        Response.ContentType = CaseSearchCsv.ContentType;
        Response.Headers.ContentDisposition = "attachment; filename=cases.csv";
        await CaseSearchCsv.WriteAsync(store.SearchAllAsync(Query.ToSearch(units)), Response.Body, HttpContext.RequestAborted);
        return new EmptyResult();
    }

    /// <summary>The query from the address and the caller's scope (null: every case); false, with the status code
    /// set, when the query is wrong or names a unit outside the scope.</summary>
    private bool TryScope(out IReadOnlyCollection<string>? units)
    {
        units = null;
        (Query, Errors) = CaseSearchQuery.Parse(name => Request.Query.TryGetValue(name, out var v) ? v.ToString() : null);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }
        (var allowed, units) = UnitAccess.SearchScope(Me!, Query.UnitId);
        if (allowed) return true;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Problem = T.NotYourUnit;
        return false;
    }

    /// <summary>This page's address with the current filters and another page number.</summary>
    public string PageUrl(int page)
    {
        var values = new Dictionary<string, string?>
        {
            ["status"] = Query.Status, ["itemCode"] = Query.ItemCode, ["unitId"] = Query.UnitId,
            ["from"] = Query.From?.ToString("yyyy-MM-dd"), ["to"] = Query.To?.ToString("yyyy-MM-dd"),
            ["overdue"] = Query.Overdue is { } o ? (o ? "true" : "false") : null,
            ["page"] = page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["pageSize"] = Query.PageSize == CaseSearchQuery.DefaultPageSize ? null : Query.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Screen.Path + QueryString.Create(values.Where(v => v.Value is not null)).ToUriComponent();
    }

    /// <summary>The CSV export's address: these filters, every page.</summary>
    public string CsvUrl => PageUrl(1) + (PageUrl(1).Contains('?') ? "&" : "?") + "handler=csv";
}
