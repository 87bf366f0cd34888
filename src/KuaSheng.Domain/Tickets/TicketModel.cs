using KuaSheng.Domain.Cases;

namespace KuaSheng.Domain.Tickets;

/// <summary>咨询, 投诉, 建议.</summary>
public enum TicketKind
{
    Consultation,
    Complaint,
    Suggestion,
}

/// <summary>Open until the unit first replies; answered after that (more replies may follow); closed at the end.</summary>
public enum TicketStatus
{
    Open,
    Answered,
    Closed,
}

/// <summary>A reply of the unit. <paramref name="OnTime"/>: given on or before the reply deadline (only the first
/// reply meets the deadline; later ones carry the same flag for reading).</summary>
public sealed record TicketReplyEntry(string Text, DateTimeOffset At, string By, string? UnitId, bool OnTime);

// ── Commands ─────────────────────────────────────────────────────────────────────────────────────────────────

/// <summary>A request to change a ticket. The time comes from the context, like the case's.</summary>
public abstract record TicketCommand(CommandActor By);

/// <summary>Opens a ticket routed to <paramref name="UnitId"/> (the API resolves it from the case when not given).</summary>
public sealed record OpenTicket(string TicketId, TicketKind Kind, string? CaseId, string UnitId, string Text, string Contact, CommandActor By)
    : TicketCommand(By);

public sealed record ReplyToTicket(string Text, CommandActor By) : TicketCommand(By);

public sealed record CloseTicket(string? Note, CommandActor By) : TicketCommand(By);

// ── Events ───────────────────────────────────────────────────────────────────────────────────────────────────

public abstract record TicketEvent;

/// <param name="Contact">Normalised: a mobile number as its bare 11 digits, an e-mail address trimmed.</param>
public sealed record TicketOpened(
    string TicketId, TicketKind Kind, string? CaseId, string UnitId, string Text, string Contact, DateTimeOffset OpenedAt,
    DateOnly ReplyDue, bool DueProvisional, string By) : TicketEvent;

public sealed record TicketReplied(string Text, DateTimeOffset At, string By, string? UnitId, bool OnTime) : TicketEvent;

public sealed record TicketClosed(string? Note, DateTimeOffset At, string By) : TicketEvent;

/// <summary>The answer to a ticket command: the event to persist and the state after it, or a refusal.</summary>
public sealed record TicketDecision(TicketEvent? Event, TicketState? State, Refusal? Refusal)
{
    public bool IsRefused => Refusal is not null;

    public static TicketDecision Refused(Refusal refusal) => new(null, null, refusal);
}
