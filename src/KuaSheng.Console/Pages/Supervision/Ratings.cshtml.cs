using KuaSheng.Actors.ReadModel;
using KuaSheng.Actors.Reference;
using KuaSheng.Actors.Time;
using KuaSheng.Api.Ledger;
using KuaSheng.Console.Localization;
using KuaSheng.Console.Navigation;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Ledger;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace KuaSheng.Console.Pages.Supervision;

/// <summary>
/// 好差评: the month's ratings per unit and level — the unit subtotals of the ledger (<see cref="LedgerReports"/>: the
/// rated unit's 非常满意 … 非常不满意, 差评, 整改完成, 按期整改) — and every bad rating with its rectification (整改): unit,
/// due date and state (<see cref="RectificationProgress"/>), from <see cref="CaseReadModelStore.RectificationsAsync"/>.
/// For whoever reads every unit's ledger (<see cref="LedgerAccess.ReadsEveryUnit"/>: supervisors).
/// </summary>
public sealed class RatingsModel(LedgerReports ledgers, CaseReadModelStore store, ReferenceDataStore reference, IClock clock) : ConsolePageModel
{
    public static readonly ConsoleScreen Screen = new("/console/ratings", T.Ratings, 75, LedgerAccess.ReadsEveryUnit);

    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public LedgerMonth? ShownMonth { get; private set; }
    public IReadOnlyList<LedgerRow> UnitRows { get; private set; } = [];
    public IReadOnlyList<RectificationRow> BadRatings { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public Text? Problem { get; private set; }

    public string UnitName(string id) => reference.Current.Units.Find(id)?.Name ?? id;

    /// <summary>The rating figures of a unit row, in level order (非常满意 first), then 差评.</summary>
    public static IEnumerable<(Text Header, long Value)> Figures(LedgerCounts c) =>
    [
        (FigureWords.Rating(RatingLevel.VerySatisfied), c.RatedVerySatisfied),
        (FigureWords.Rating(RatingLevel.Satisfied), c.RatedSatisfied),
        (FigureWords.Rating(RatingLevel.BasicallySatisfied), c.RatedBasicallySatisfied),
        (FigureWords.Rating(RatingLevel.Dissatisfied), c.RatedDissatisfied),
        (FigureWords.Rating(RatingLevel.VeryDissatisfied), c.RatedVeryDissatisfied),
        (T.BadRatingsTotal, c.BadRatings),
    ];

    public async Task OnGetAsync()
    {
        Today = CaseContext.ChinaDate(clock.Now);
        Month = string.IsNullOrWhiteSpace(Month) ? new LedgerMonth(Today.Year, Today.Month).ToString() : Month.Trim();
        if (!LedgerMonth.TryParse(Month, out var month))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Problem = T.BadMonth;
            return;
        }
        ShownMonth = month;
        var report = await ledgers.BuildAsync(month, null, HttpContext.RequestAborted);
        UnitRows = [.. report.Rows.Where(r => r.Level == LedgerRowLevel.Unit)];
        BadRatings = await store.RectificationsAsync(null, HttpContext.RequestAborted);
    }
}
