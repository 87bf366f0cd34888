using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Cases;

public interface IWithCaseId
{
    string CaseId { get; }
}

/// <summary>A command for a case with the id that makes it idempotent: the same command id is answered again, never
/// applied twice (for carrier events and deadline misses the sender derives it from the fact itself). Its sender has
/// authorized it: a timer, a carrier report, a calendar recount, or the API for a submission or a public rating.</summary>
/// <paramref name="RequestHash"/>: as on <see cref="CaseStep"/>, for a request the API authorized (a public rating).
public sealed record CaseRequest(string CaseId, string CommandId, CaseCommand Command, string? RequestHash = null) : IWithCaseId, IKuaShengMessage;

/// <summary>A caller's step on an existing case, in one message: the case decides whether <paramref name="Caller"/> may
/// take it against the state it then decides on (<see cref="CaseAdmission"/>), and records it as the caller's unit on
/// the case (whatever <c>Command.By</c> says). Idempotent by <paramref name="CommandId"/> like <see cref="CaseRequest"/>;
/// answered with a <see cref="CaseReply"/> (not-found for a case that does not exist) or <see cref="CaseUnavailable"/>.
/// A type of its own, so that a node that does not know it refuses it rather than skip the check.</summary>
/// <paramref name="RequestHash"/>: the hash of the HTTP request that carried it (method, path, query, body), when it
/// came with an Idempotency-Key: the same command id with another request is refused, not answered again.
public sealed record CaseStep(string CaseId, string CommandId, CaseCommand Command, Caller Caller, string? RequestHash = null)
    : IWithCaseId, IKuaShengMessage;

/// <summary>Asks a case to answer again a command it applied, and to decide nothing: the command id
/// <paramref name="CommandId"/> with the request <paramref name="RequestHash"/> is answered as a repeated
/// <see cref="CaseRequest"/> or <see cref="CaseStep"/> is (the state the command left, or 409 when the id came with another
/// request); an id the case has not applied is refused with a conflict, and <paramref name="Command"/> is not decided. The
/// API sends it when the Idempotency-Key's record (a refusal) came with another request: the case may have taken this
/// request with the key before. A type of its own, so that a node that does not know it never applies the command.</summary>
public sealed record CaseRepeat(string CaseId, string CommandId, CaseCommand Command, string RequestHash) : IWithCaseId, IKuaShengMessage;

/// <summary>Asks for the case as it is now.</summary>
public sealed record GetCaseState(string CaseId) : IWithCaseId, IKuaShengMessage;

/// <summary>The answer to a request: the state after it, or the refusal. <paramref name="Duplicate"/>: the command id
/// had been processed before, so nothing was applied this time; the state is the one the command left (as the first
/// answer had it), or, with a refusal, the command id was used with another request. <paramref name="DecidedAt"/>: when
/// the command was decided (null: a query, a refusal, or unknown), the date an answer is rendered at.</summary>
public sealed record CaseReply(string CaseId, CaseState? State, Refusal? Refusal, bool Duplicate = false, DateTimeOffset? DecidedAt = null)
    : IKuaShengMessage;

/// <summary>The journal could not take the change (database locked, disk full, connection lost): nothing was applied;
/// try again later.</summary>
public sealed record CaseUnavailable(string CaseId, string Reason) : IKuaShengMessage;

/// <summary>What the journal held for a case before <see cref="CaseJournalBatch"/>: one row per domain event, the last
/// event of a command carrying its command id (so a recovered case still recognises a repeated command). Journals
/// written before still hold them: the case and the projection read both.</summary>
public sealed record CaseJournalEvent(CaseEvent Event, string? CommandId) : IKuaShengMessage;

/// <summary>What the journal holds for a case: every domain event one command decided, in order, as one row with the
/// command's id (one durable write per command; the events are applied together or not at all).</summary>
/// <paramref name="RequestHash"/>: as on <see cref="CaseStep"/> (null for commands that came without one).
public sealed record CaseJournalBatch(IReadOnlyList<CaseEvent> Events, string CommandId, string? RequestHash = null) : IKuaShengMessage;

/// <summary>Snapshot of a case: its state and the ids of its recent commands.</summary>
/// <paramref name="RecentCommands"/>: what the case knows of each of them, in the same order (absent in snapshots
/// written before: those ids are known as applied, nothing more).
public sealed record CaseSnapshot(CaseState State, IReadOnlyList<string> RecentCommandIds, IReadOnlyList<RecentCommand>? RecentCommands = null)
    : IKuaShengMessage;
