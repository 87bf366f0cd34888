using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Tickets;

namespace KuaSheng.Actors.Tickets;

public interface IWithTicketId
{
    string TicketId { get; }
}

// Requests: one concrete type per command (the serializer's polymorphic roots are the case's; a ticket command is a
// plain member of its request). The command id makes each idempotent.

public sealed record OpenTicketRequest(string TicketId, string CommandId, OpenTicket Command) : IWithTicketId, IKuaShengMessage;

public sealed record ReplyTicketRequest(string TicketId, string CommandId, ReplyToTicket Command) : IWithTicketId, IKuaShengMessage;

public sealed record CloseTicketRequest(string TicketId, string CommandId, CloseTicket Command) : IWithTicketId, IKuaShengMessage;

/// <summary>Asks for the ticket as it is now.</summary>
public sealed record GetTicket(string TicketId) : IWithTicketId, IKuaShengMessage;

/// <summary>The ticket after a request, or the refusal. <paramref name="Duplicate"/>: the command id was seen before.</summary>
public sealed record TicketAnswer(string TicketId, TicketState? State, Refusal? Refusal, bool Duplicate = false) : IKuaShengMessage;

/// <summary>The journal could not take the change: nothing was applied; try again.</summary>
public sealed record TicketUnavailable(string TicketId, string Reason) : IKuaShengMessage;

// Journal entries: the domain event and the command id that produced it.

public sealed record TicketOpenedEntry(TicketOpened Event, string CommandId) : IKuaShengMessage;

public sealed record TicketRepliedEntry(TicketReplied Event, string CommandId) : IKuaShengMessage;

public sealed record TicketClosedEntry(TicketClosed Event, string CommandId) : IKuaShengMessage;

// ── Per-unit ticket index (ticket-index-{unitId}) ─────────────────────────────────────────────────────────────

public interface IWithTicketIndexUnit
{
    string UnitId { get; }
}

/// <summary>One line of a unit's ticket list.</summary>
public sealed record TicketSummary(
    string TicketId, TicketKind Kind, string? CaseId, TicketStatus Status, DateTimeOffset OpenedAt, DateOnly ReplyDue,
    DateTimeOffset? FirstRepliedAt, long Version);

/// <summary>From a ticket to its unit's index, re-sent until acknowledged; the index keeps the highest version.</summary>
public sealed record IndexTicket(string UnitId, TicketSummary Summary) : IWithTicketIndexUnit, IKuaShengMessage;

public sealed record TicketIndexed(string UnitId, string TicketId, long Version) : IKuaShengMessage;

/// <summary>The unit's tickets, optionally of one status.</summary>
public sealed record GetUnitTickets(string UnitId, TicketStatus? Status) : IWithTicketIndexUnit, IKuaShengMessage;

public sealed record UnitTickets(string UnitId, IReadOnlyList<TicketSummary> Tickets) : IKuaShengMessage;

/// <summary>What the index journal holds: a summary that changed.</summary>
public sealed record TicketSummaryRecorded(TicketSummary Summary) : IKuaShengMessage;

/// <summary>Snapshot of an index.</summary>
public sealed record TicketIndexSnapshot(IReadOnlyList<TicketSummary> Tickets) : IKuaShengMessage;
