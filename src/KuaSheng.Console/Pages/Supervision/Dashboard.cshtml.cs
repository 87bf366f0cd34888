using KuaSheng.Actors.ReadModel;
using KuaSheng.Actors.Reference;
using KuaSheng.Actors.Time;
using KuaSheng.Console.Charts;
using KuaSheng.Console.Localization;
using KuaSheng.Console.Navigation;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;

namespace KuaSheng.Console.Pages.Supervision;

/// <summary>
/// 监管看板: every case by status and by handling mode, open overdue deadlines by unit (the supervisor's 超期 list,
/// <see cref="CaseReadModelStore.OverdueAsync"/>) and cases received per day, as charts with their tables. For whoever
/// reads every unit's overdue list (<see cref="UnitAccess.MayReadAllOverdue"/>: supervisors).
/// </summary>
public sealed class DashboardModel(CaseReadModelStore store, ReferenceDataStore reference, IClock clock) : ConsolePageModel
{
    public static readonly ConsoleScreen Screen = new("/console/dashboard", T.Dashboard, 70, UnitAccess.MayReadAllOverdue);

    /// <summary>How many days the received-per-day chart shows, today included.</summary>
    public const int Days = 30;

    public IReadOnlyList<ChartData> Charts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var today = CaseContext.ChinaDate(clock.Now);
        var counts = await store.CountsAsync(ct);
        var overdue = await store.OverdueAsync(null, today, ct);
        var perDay = await store.ReceivedPerDayAsync(today.AddDays(1 - Days), today, ct);
        var units = reference.Current.Units;
        Charts =
        [
            ChartData.Of("by-status", "bar", T.CasesByStatus.ToString(), T.Status.ToString(), T.Count.ToString(),
                Enum.GetValues<CaseStatus>().Select(s => (CaseWords.Status(s).ToString(), counts.ByStatus.GetValueOrDefault(s)))),
            ChartData.Of("by-mode", "pie", T.CasesByMode.ToString(), T.Mode.ToString(), T.Count.ToString(),
                Enum.GetValues<HandlingMode>().Select(m => (FigureWords.Mode(m).ToString(), counts.ByMode.GetValueOrDefault(m)))),
            ChartData.Of("overdue-by-unit", "bar", T.OverdueByUnit.ToString(), T.Unit.ToString(), T.Count.ToString(),
                overdue.GroupBy(o => o.Deadline.UnitId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => (units.Find(g.Key)?.Name ?? g.Key, (long)g.Select(o => o.CaseId).Distinct(StringComparer.Ordinal).Count()))),
            ChartData.Of("received-per-day", "line", T.ReceivedPerDay.Format(Days), T.Day.ToString(), T.Count.ToString(),
                perDay.Select(d => (d.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d.Count))),
        ];
    }
}
