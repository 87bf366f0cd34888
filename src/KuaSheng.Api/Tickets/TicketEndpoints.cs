using KuaSheng.Actors.Reference;
using KuaSheng.Actors.Time;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Cases;
using KuaSheng.Api.Problems;
using KuaSheng.Domain;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Tickets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KuaSheng.Api.Tickets;

/// <summary>
/// 咨询投诉建议 (API.md, Tickets). Every call needs a token: applicants reach us through a window or an integration
/// (渝快办, another province's system) that holds one, and an open anonymous POST would need rate limiting and abuse
/// control this API does not have yet. Carriers and operators do not open tickets.
/// </summary>
public static class TicketEndpoints
{
    public static IServiceCollection AddTicketEndpoints(this IServiceCollection services) => services.AddSingleton<TicketGateway>();

    public static RouteGroupBuilder MapTicketEndpoints(this RouteGroupBuilder api)
    {
        var tickets = api.MapGroup("/tickets").RequireAuthorization().WithTags("Tickets");
        tickets.MapPost("/", Open).Produces<TicketView>(StatusCodes.Status201Created).WithSummary("Open a consultation, complaint or suggestion (咨询投诉建议)");
        tickets.MapGet("/", List).Produces<TicketList>().WithSummary("A unit's tickets, optionally of one status");
        tickets.MapGet("/{ticketId}", Get).Produces<TicketView>().WithSummary("A ticket as it is now");
        tickets.MapPost("/{ticketId}/reply", Reply).Produces<TicketView>().WithSummary("The unit's reply (答复); the first one meets the deadline");
        tickets.MapPost("/{ticketId}/close", Close).Produces<TicketView>().WithSummary("Close an answered ticket (an addition to API.md)");
        return api;
    }

    private static DateOnly Today(IClock clock) => CaseContext.ChinaDate(clock.Now);

    private static IResult Unauthenticated() =>
        Problem.Of(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthenticated, "Not signed in", "A valid bearer token is required.");

    private static async Task<IResult> Open(HttpContext http, OpenTicketBody body, TicketGateway tickets, CaseGateway cases,
        ReferenceDataStore reference, IClock clock)
    {
        if (Caller.From(http.User) is not { } caller) return Unauthenticated();
        if (caller.Is(Roles.Carrier, Roles.Operator)) return Problem.Forbidden($"A {caller.Role} does not open tickets.");
        if (body.Kind is not { } kind) return Problem.Validation("kind", "Kind is required: consultation, complaint or suggestion (咨询、投诉或建议).");

        var caseId = string.IsNullOrWhiteSpace(body.CaseId) ? null : body.CaseId.Trim();
        var unitId = string.IsNullOrWhiteSpace(body.UnitId) ? null : body.UnitId.Trim();
        if (unitId is not null && !reference.Current.Units.Contains(unitId))
            return Problem.Validation("unitId", $"Unknown unit \"{ProblemText.Shown(unitId)}\" (see GET /units).");
        if (caseId is not null)
        {
            // Tied to a case: it must exist; without a unit the case's receiving unit (else its first leg's) answers.
            var found = await cases.Get(caseId, http.RequestAborted);
            if (found.Unavailable is { } why) return Problem.Unavailable(why);
            if (found.State is not { } state) return Problem.Validation("caseId", $"Case {ProblemText.Shown(caseId)} was not found.");
            unitId ??= state.WindowUnitId;
        }
        if (unitId is null) return Problem.Validation("unitId", "Give the unit the ticket is for (unitId), or the case it is about (caseId).");

        var ticketId = TicketGateway.NewTicketId(caller, http.Request.Headers[ApiHeaders.IdempotencyKey].ToString());
        var command = new OpenTicket(ticketId, kind, caseId, unitId, body.Text ?? "", body.Contact ?? "", caller.AsActor());
        var answer = await tickets.Send(ticketId, CaseEndpointSupport.CommandId(http, caller), command, http.RequestAborted);
        if (answer.Unavailable is { } unavailable) return Problem.Unavailable(unavailable);
        if (answer.Refusal is { } refusal) return Problem.From(refusal);
        var view = TicketViews.From(answer.State!, TicketAccess.SeesContact(caller, answer.State!) || TicketAccess.Opened(caller, answer.State!), Today(clock));
        return TypedResults.Created($"{KuaShengApi.Prefix}/tickets/{ticketId}", view);
    }

    private static async Task<IResult> Get(HttpContext http, string ticketId, TicketGateway tickets, IClock clock)
    {
        if (Caller.From(http.User) is not { } caller) return Unauthenticated();
        if (!TicketGateway.IsTicketId(ticketId)) return Problem.NotFound($"Ticket {ProblemText.Shown(ticketId)} was not found.");
        var answer = await tickets.Get(ticketId, http.RequestAborted);
        if (answer.Unavailable is { } why) return Problem.Unavailable(why);
        if (answer.State is not { } state) return Problem.NotFound($"Ticket {ProblemText.Shown(ticketId)} was not found.");
        if (!TicketAccess.MayRead(caller, state)) return Problem.Forbidden($"Ticket {ProblemText.Shown(ticketId)} is not for your unit.");
        return TypedResults.Ok(TicketViews.From(state, TicketAccess.SeesContact(caller, state), Today(clock)));
    }

    private static Task<IResult> Reply(HttpContext http, string ticketId, TicketReplyBody body, TicketGateway tickets, IClock clock) =>
        Step(http, ticketId, tickets, clock, by => new ReplyToTicket(body.Text ?? "", by));

    private static Task<IResult> Close(HttpContext http, string ticketId, CloseTicketBody? body, TicketGateway tickets, IClock clock) =>
        Step(http, ticketId, tickets, clock, by => new CloseTicket(body?.Note, by));

    /// <summary>401 without a caller, 404 for an unknown ticket, 403 unless the ticket's unit or a supervisor, else
    /// the ticket's answer.</summary>
    private static async Task<IResult> Step(HttpContext http, string ticketId, TicketGateway tickets, IClock clock,
        Func<CommandActor, TicketCommand> build)
    {
        if (Caller.From(http.User) is not { } caller) return Unauthenticated();
        if (!TicketGateway.IsTicketId(ticketId)) return Problem.NotFound($"Ticket {ProblemText.Shown(ticketId)} was not found.");
        var current = await tickets.Get(ticketId, http.RequestAborted);
        if (current.Unavailable is { } why) return Problem.Unavailable(why);
        if (current.State is not { } state) return Problem.NotFound($"Ticket {ProblemText.Shown(ticketId)} was not found.");
        if (!TicketAccess.MayAnswer(caller, state))
            return Problem.Forbidden($"Only unit {state.UnitId} or a supervisor may answer ticket {ProblemText.Shown(ticketId)}.");
        var by = caller.AsActor(caller.ActsFor(state.UnitId) ? state.UnitId : null);
        var answer = await tickets.Send(ticketId, CaseEndpointSupport.CommandId(http, caller), build(by), http.RequestAborted);
        if (answer.Unavailable is { } unavailable) return Problem.Unavailable(unavailable);
        if (answer.Refusal is { } refusal) return Problem.From(refusal);
        return TypedResults.Ok(TicketViews.From(answer.State!, true, Today(clock)));
    }

    /// <summary>GET /tickets?unitId=&amp;status=: from the unit's ticket index. A unit's own callers may leave unitId
    /// out when they act for one unit; supervisors name it.</summary>
    private static async Task<IResult> List(HttpContext http, string? unitId, string? status, TicketGateway tickets, IClock clock)
    {
        if (Caller.From(http.User) is not { } caller) return Unauthenticated();
        unitId = string.IsNullOrWhiteSpace(unitId) ? (caller.Units.Count == 1 ? caller.Units.First() : null) : unitId.Trim();
        if (unitId is null) return Problem.Validation("unitId", "Name the unit whose tickets to list (unitId).");
        if (!TicketAccess.IsUnit(caller, unitId) && !caller.Is(Roles.Supervisor))
            return Problem.Forbidden($"You may not list the tickets of unit {ProblemText.Shown(unitId)}.");
        TicketStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            var match = Enum.GetValues<TicketStatus>().Where(s => s.ToKebab() == status.Trim()).ToList();
            if (match.Count == 0) return Problem.Validation("status", "Status must be open, answered or closed.");
            wanted = match[0];
        }
        var list = await tickets.List(unitId, wanted, http.RequestAborted);
        if (list is null) return Problem.Unavailable("The ticket index did not answer in time. Try again.");
        var today = Today(clock);
        return TypedResults.Ok(new TicketList(unitId, wanted, list.Select(t => TicketViews.From(t, today)).ToList()));
    }
}
