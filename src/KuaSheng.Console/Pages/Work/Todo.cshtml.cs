using KuaSheng.Actors.ReadModel;
using KuaSheng.Api.Cases;
using KuaSheng.Console.Cases;
using KuaSheng.Console.Localization;
using KuaSheng.Console.Navigation;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using Microsoft.AspNetCore.Mvc;

namespace KuaSheng.Console.Pages.Work;

/// <summary>
/// 待办 (officer): the unit's open legs from the read model (<see cref="UnitWork"/>: forwarded, to accept or return;
/// accepted, to decide) with their due dates in working days — overdue red, due soon amber (<see cref="DueStates"/>) —
/// and the other deadlines the unit keeps (rectifications of bad ratings…). A leg is accepted right here; returning,
/// deciding, suspending and rectifying happen on the case's page. Refreshes itself every few seconds (htmx).
/// </summary>
public sealed class TodoModel(CaseReadModelStore store, ConsoleDue due, ConsoleCases cases) : ConsolePageModel
{
    public static readonly ConsoleScreen Screen = new("/console/todo", T.Todo, 30,
        c => c.Role == Roles.Officer && c.Units.Any(u => UnitAccess.MayReadWork(c, u)));

    public ConsoleDue Due => due;
    public string UnitId => Me!.Units.First(u => UnitAccess.MayReadWork(Me!, u));
    public string FormToken { get; } = FormTokens.New();
    public IReadOnlyList<WorkRow> ToAccept { get; private set; } = [];
    public IReadOnlyList<WorkRow> ToDecide { get; private set; } = [];
    public IReadOnlyList<WorkRow> Others { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? Refusal { get; private set; }

    public async Task OnGetAsync() => await Load();

    public async Task<IActionResult> OnGetListAsync()
    {
        await Load();
        return Partial("_TodoLists", this);
    }

    /// <summary>受理 of one leg from the list.</summary>
    public async Task<IActionResult> OnPostAcceptAsync(string caseId, string legId, string? token)
    {
        var outcome = await cases.StepAsync(caseId, Me!, $"acceptance:{legId}", token,
            c => CaseStepCommands.Acceptance(legId, new AcceptanceBody(true, null), c), HttpContext.RequestAborted);
        if (outcome.Done) Notice = T.StepDone.Format($"{T.Accept} {outcome.View!.CaseNumber}");
        else
        {
            Refusal = T.StepRefused.Format(outcome.Refusal);
            Response.StatusCode = 409;
        }
        await Load();
        return Request.Headers.ContainsKey("HX-Request") ? Partial("_TodoLists", this) : Page();
    }

    private async Task Load()
    {
        var (legs, deadlines) = await store.WorklistAsync(UnitId, HttpContext.RequestAborted);
        var legDeadlines = deadlines.Where(d => d.Deadline.LegId is not null && d.Deadline.Step is DeadlineStep.Acceptance or DeadlineStep.Decision)
            .ToLookup(d => (d.CaseId, d.Deadline.LegId));
        WorkRow Row(OpenLegRow l, DeadlineStep step)
        {
            var d = legDeadlines[(l.CaseId, l.LegId)].FirstOrDefault(x => x.Deadline.Step == step)?.Deadline;
            return new WorkRow(l.CaseId, l.CaseNumber, l.ItemCode, new Text($"{l.LegId} {CaseWords.Role(l.Role).Zh}", $"{l.LegId} {CaseWords.Role(l.Role).En}"),
                d?.Due, d?.MissedAt is not null, l.LegId);
        }
        ToAccept = [.. legs.Where(l => l.Status == LegStatus.Forwarded).Select(l => Row(l, DeadlineStep.Acceptance)).OrderBy(r => r.Due ?? DateOnly.MaxValue)];
        ToDecide = [.. legs.Where(l => l.Status == LegStatus.Accepted).Select(l => Row(l, DeadlineStep.Decision)).OrderBy(r => r.Due ?? DateOnly.MaxValue)];
        Others = [.. deadlines.Where(d => d.Deadline.Step is not (DeadlineStep.Acceptance or DeadlineStep.Decision))
            .OrderBy(d => d.Deadline.Due)
            .Select(d => new WorkRow(d.CaseId, d.CaseNumber, d.ItemCode, CaseWords.Step(d.Deadline.Step), d.Deadline.Due, d.Deadline.MissedAt is not null))];
    }
}
