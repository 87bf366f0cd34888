using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Tickets;
using KuaSheng.Actors.Waybills;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Metrics;

/// <summary>
/// What an entity's answer to a command says, as the <c>result</c> (and, for a refusal, the <c>code</c>) of
/// <c>kuasheng_commands_total</c>: accepted, duplicate (the command id was seen before: nothing applied again),
/// rejected (a business refusal; <c>code</c> is the refusal's code, as in the API's problem details) or unavailable
/// (the journal did not take or give the change: nothing applied, the caller may try again).
/// </summary>
public static class CommandResult
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";
    public const string Unavailable = "unavailable";
    /// <summary>An answer this mapping does not know yet (a new reply type): counted, never thrown.</summary>
    public const string Other = "other";

    public static (string Result, string? Code) Of(object reply) => reply switch
    {
        CaseReply { Duplicate: true } or TicketAnswer { Duplicate: true } or TrackingAccepted { Duplicate: true } => (Duplicate, null),
        CaseReply { Refusal: { } refusal } => (Rejected, refusal.Code),
        TicketAnswer { Refusal: { } refusal } => (Rejected, refusal.Code),
        WaybillTaken => (Rejected, RefusalCodes.Conflict),
        WaybillUnknown => (Rejected, RefusalCodes.NotFound),
        CaseReply or TicketAnswer or WaybillReserved or TrackingAccepted => (Accepted, null),
        CaseUnavailable or TicketUnavailable => (Unavailable, null),
        _ => (Other, null),
    };
}
