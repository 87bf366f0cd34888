using KuaSheng.Actors.ReadModel;
using KuaSheng.Actors.Time;
using KuaSheng.Actors.Units;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Catalogue;
using KuaSheng.Api.Problems;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KuaSheng.Api.Units;

/// <summary>An overdue deadline (超期): due before today (Beijing date) or marked missed, and not done yet.
/// <paramref name="DaysOver"/>: working days from the due day to today.</summary>
public sealed record OverdueItemView(string CaseId, string CaseNumber, string ItemCode, string UnitId, string DeadlineId, DeadlineStep Step,
    string? LegId, DateOnly Due, bool Provisional, bool Missed, int DaysOver);

/// <summary>Overdue work, most overdue first; <paramref name="UnitId"/> null for all units.</summary>
public sealed record OverdueView(string? UnitId, DateOnly AsOf, IReadOnlyList<OverdueItemView> Items);

/// <summary>
/// A unit's work from the case read model (<see cref="CaseReadModelStore"/>), which follows the journal within about a
/// second: the worklist (工作清单: open legs and the open deadlines the unit keeps) and the overdue list; and for
/// supervisors every unit's overdue work at once.
/// </summary>
public static class UnitWorkEndpoints
{
    public static RouteGroupBuilder MapUnitWorkEndpoints(this RouteGroupBuilder api, RouteGroupBuilder units)
    {
        units.MapGet("/{id}/worklist", Worklist).WithSummary("工作清单: the unit's open legs and the deadlines it keeps (read model)")
            .WithDescription("For the unit's officers and windows, integrations acting for it, and supervisors.")
            .Produces<WorklistView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        units.MapGet("/{id}/overdue", UnitOverdue).WithSummary("超期: the unit's open deadlines past their due day, with working days over")
            .WithDescription("For the unit's officers and windows, integrations acting for it, and supervisors.")
            .Produces<OverdueView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/overdue", AllOverdue).RequireAuthorization().WithTags("Units")
            .WithSummary("超期 of every unit (supervisor): open deadlines past their due day, with working days over")
            .Produces<OverdueView>().ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static IResult? Refuse(HttpContext http, string id, ReferenceGateway reference, string what)
    {
        if (Caller.From(http.User) is not { } caller) return Problem.Forbidden("Unknown caller.");
        if (!reference.Current.Units.Contains(id)) return Problem.NotFound($"Unit {ProblemText.Shown(id)} was not found.");
        return UnitAccess.MayReadWork(caller, id) ? null : Problem.Forbidden($"Only the officers and windows of {ProblemText.Shown(id)}, integrations acting for it, and supervisors read its {what}.");
    }

    private static async Task<IResult> Worklist(HttpContext http, string id, ReferenceGateway reference, CaseReadModelStore store)
    {
        if (Refuse(http, id, reference, "worklist") is { } refused) return refused;
        var (legs, deadlines) = await store.WorklistAsync(id, http.RequestAborted);
        return TypedResults.Ok(new WorklistView(id,
            [.. legs.Select(l => new WorklistLeg(l.CaseId, l.ItemCode, l.LegId, l.Role, l.Status))],
            [.. deadlines.Select(d => new WorklistDeadline(d.CaseId, d.Deadline.DeadlineId, d.Deadline.Step, d.Deadline.LegId, d.Deadline.Due,
                d.Deadline.Provisional, d.Deadline.MissedAt is not null))]));
    }

    private static async Task<IResult> UnitOverdue(HttpContext http, string id, ReferenceGateway reference, CaseReadModelStore store, IClock clock)
    {
        if (Refuse(http, id, reference, "overdue list") is { } refused) return refused;
        return TypedResults.Ok(await Overdue(id, reference, store, clock, http.RequestAborted));
    }

    private static async Task<IResult> AllOverdue(HttpContext http, ReferenceGateway reference, CaseReadModelStore store, IClock clock)
    {
        if (Caller.From(http.User) is not { } caller || !UnitAccess.MayReadAllOverdue(caller)) return Problem.Forbidden("Only supervisors read every unit's overdue list.");
        return TypedResults.Ok(await Overdue(null, reference, store, clock, http.RequestAborted));
    }

    private static async Task<OverdueView> Overdue(string? unitId, ReferenceGateway reference, CaseReadModelStore store, IClock clock,
        CancellationToken ct)
    {
        var today = CaseContext.ChinaDate(clock.Now);
        var calendar = reference.Current.Calendar;
        var items = (await store.OverdueAsync(unitId, today, ct))
            .Select(r => new OverdueItemView(r.CaseId, r.CaseNumber, r.ItemCode, r.Deadline.UnitId, r.Deadline.DeadlineId, r.Deadline.Step,
                r.Deadline.LegId, r.Deadline.Due, r.Deadline.Provisional, r.Deadline.MissedAt is not null,
                calendar.WorkingDaysBetween(r.Deadline.Due, today)))
            // Due on a Friday and today Sunday: no working day over yet, unless the unit already marked it missed.
            .Where(i => DueStates.IsOverdue(i.Missed, i.DaysOver))
            .OrderByDescending(i => i.DaysOver).ThenBy(i => i.Due).ThenBy(i => i.CaseId, StringComparer.Ordinal)
            .ToList();
        return new OverdueView(unitId, today, items);
    }
}
