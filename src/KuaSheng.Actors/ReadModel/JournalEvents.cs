using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams.Dsl;

namespace KuaSheng.Actors.ReadModel;

/// <summary>Where a projection reads the events of its <see cref="JournalStream"/> from, live, after an offset (an
/// ordering of the journal).</summary>
public interface IJournalEvents
{
    Source<EventEnvelope, NotUsed> Events(ActorSystem system, JournalStream stream, long afterOffset);
}

/// <summary>
/// Akka.Persistence.Query on the SQL read journal: <c>EventsByTag</c> for a tag, <c>AllEvents</c> filtered by
/// persistence id for an entity kind. Used on PostgreSQL: the read journal's sequence actor holds the stream back
/// across gaps in the ordering that concurrent writers leave until they commit, so no event is skipped.
/// </summary>
public sealed class ReadJournalEvents : IJournalEvents
{
    public static readonly ReadJournalEvents Instance = new();

    public Source<EventEnvelope, NotUsed> Events(ActorSystem system, JournalStream stream, long afterOffset)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        return stream switch
        {
            JournalStream.Tagged t => journal.EventsByTag(t.Tag, Offset.Sequence(afterOffset)),
            JournalStream.Entities e => journal.AllEvents(Offset.Sequence(afterOffset))
                .Where(envelope => envelope.PersistenceId.StartsWith(e.PersistenceIdPrefix, StringComparison.Ordinal)),
            _ => throw new ArgumentOutOfRangeException(nameof(stream), stream, "Unknown journal stream"),
        };
    }
}
