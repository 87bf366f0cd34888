using Akka.Persistence.Query;

namespace KuaSheng.Actors.ReadModel;

/// <summary>
/// One projection of the journal into read-model tables, run by a <see cref="ProjectionRunner"/>: it follows the events
/// of one <see cref="JournalStream"/> and writes each batch together with its offset in ONE transaction, so that a restart resumes from the
/// last committed batch and neither skips nor counts an event twice.
/// </summary>
public interface IProjection
{
    /// <summary>The projection's name: its row in <c>projection_offsets</c>, the admin API's and metrics' label.</summary>
    string Name { get; }

    /// <summary>The journal events it follows.</summary>
    JournalStream Stream { get; }

    Task<StoredOffset> LoadOffsetAsync(CancellationToken ct = default);

    /// <summary>Applies a batch in order and stores <paramref name="offset"/>, in one transaction. Returns how many
    /// events changed a row (events applied before are skipped).</summary>
    Task<int> ApplyAsync(IReadOnlyList<EventEnvelope> batch, long offset, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Empties the projection's tables and its offset in one transaction (for a rebuild from zero).</summary>
    Task ResetAsync(CancellationToken ct = default);

    /// <summary>Events of <see cref="Stream"/> after <paramref name="offset"/>, counted up to
    /// <see cref="ProjectionOffsets.BacklogCountCap"/> + 1.</summary>
    Task<long> CountEventsAfterAsync(long offset, CancellationToken ct = default);
}
