using KuaSheng.Actors.ReadModel;
using KuaSheng.Console.Cases;
using KuaSheng.Console.Localization;
using KuaSheng.Console.Navigation;
using KuaSheng.Domain;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using Microsoft.AspNetCore.Mvc;

namespace KuaSheng.Console.Pages.Work;

/// <summary>A case in a worklist: where it is, what it waits for, and by when.</summary>
public sealed record WorkRow(string CaseId, string CaseNumber, string ItemCode, Text What, DateOnly? Due, bool Missed, string? LegId = null);

/// <summary>
/// 窗口工作台 (window): the window's cases by what they need next, from the read model (<see cref="CaseReadModelStore"/>,
/// a second behind at most): the open deadlines the window keeps — form review and identity (形式审查), forwarding,
/// originals to mail, results to hand out, rectifications — and the cases waiting for a supplement or returned by a unit.
/// The list refreshes itself every few seconds (htmx); each row opens the case, where the steps are taken.
/// </summary>
public sealed class WindowDeskModel(CaseReadModelStore store, ConsoleDue due) : ConsolePageModel
{
    public static readonly ConsoleScreen Screen = new("/console/window", T.WindowDesk, 20,
        c => c.Role == Roles.Window && c.Units.Any(u => UnitAccess.MayReadWork(c, u)));

    public ConsoleDue Due => due;
    public string UnitId => Me!.Units.First(u => UnitAccess.MayReadWork(Me!, u));
    public IReadOnlyList<(Text Title, IReadOnlyList<WorkRow> Rows)> Groups { get; private set; } = [];

    public async Task OnGetAsync() => await Load();

    /// <summary>The groups alone, for htmx polling.</summary>
    public async Task<IActionResult> OnGetListAsync()
    {
        await Load();
        return Partial("_WindowGroups", this);
    }

    private async Task Load()
    {
        var ct = HttpContext.RequestAborted;
        var (_, deadlines) = await store.WorklistAsync(UnitId, ct);
        var waiting = new List<WorkRow>();
        foreach (var status in new[] { CaseStatus.SupplementRequested, CaseStatus.Returned })
        {
            var found = await store.SearchAsync(new CaseSearch([UnitId], status.ToKebab(), PageSize: 200), ct);
            waiting.AddRange(found.Items.Where(r => r.ReceivingUnitId == UnitId)
                .Select(r => new WorkRow(r.CaseId, r.CaseNumber, r.ItemCode, CaseWords.Status(status), null, false)));
        }
        WorkRow Row(OpenDeadlineRow d) => new(d.CaseId, d.CaseNumber, d.ItemCode, CaseWords.Step(d.Deadline.Step), d.Deadline.Due, d.Deadline.MissedAt is not null);
        IReadOnlyList<WorkRow> Of(params DeadlineStep[] steps) =>
            [.. deadlines.Where(d => steps.Contains(d.Deadline.Step)).OrderBy(d => d.Deadline.Due).Select(Row)];
        Groups =
        [
            (T.NeedsReview, Of(DeadlineStep.FormReview)),
            (T.NeedsSupplement, waiting),
            (T.NeedsForwarding, Of(DeadlineStep.Forwarding)),
            (T.NeedsOriginals, Of(DeadlineStep.OriginalsMailing)),
            (T.NeedsDelivery, Of(DeadlineStep.Delivery)),
            (T.NeedsRectification, Of(DeadlineStep.Rectification)),
        ];
    }
}
