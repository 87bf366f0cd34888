using Akka.Persistence.Query;
using KuaSheng.Actors.Cases;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.ReadModel;

/// <summary>The domain events of one case journal row, whichever form it has (<see cref="CaseJournalBatch"/>: a
/// command's events in one row; <see cref="CaseJournalEvent"/>: one event per row, as older journals hold them), each
/// with its position in the case's history: a number that grows with every event and is the same on every read
/// (the row's sequence number for a one-event row; sequence number × <see cref="PositionsPerRow"/> + index for a
/// batch, which stays above every older one-event row of the case).</summary>
public static class CaseJournalEntries
{
    public const long PositionsPerRow = 1_000;

    public static IReadOnlyList<(CaseEvent Event, long Position)> Of(EventEnvelope envelope) => envelope.Event switch
    {
        CaseJournalBatch batch when batch.Events.Count <= PositionsPerRow =>
            batch.Events.Select((e, i) => (e, envelope.SequenceNr * PositionsPerRow + i)).ToList(),
        CaseJournalBatch batch => throw new InvalidOperationException(
            $"{envelope.PersistenceId} #{envelope.SequenceNr}: {batch.Events.Count} events in one row; at most {PositionsPerRow} have positions."),
        CaseJournalEvent single => [(single.Event, envelope.SequenceNr)],
        _ => [],
    };

    /// <summary>The case a row belongs to: the submission names it, later rows by their persistence id.</summary>
    public static string CaseIdOf(EventEnvelope envelope, IReadOnlyList<(CaseEvent Event, long Position)> events) =>
        events.Count > 0 && events[0].Event is CaseSubmitted submitted ? submitted.CaseId
        : envelope.PersistenceId.StartsWith(CaseActor.PersistenceIdPrefix, StringComparison.Ordinal)
            ? envelope.PersistenceId[CaseActor.PersistenceIdPrefix.Length..]
            : envelope.PersistenceId;
}
