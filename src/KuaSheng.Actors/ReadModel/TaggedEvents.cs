using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams.Dsl;

namespace KuaSheng.Actors.ReadModel;

/// <summary>Where a projection reads the journal's events of one tag from, live, after an offset.</summary>
public interface ITaggedEvents
{
    Source<EventEnvelope, NotUsed> EventsByTag(ActorSystem system, string tag, long afterOffset);
}

/// <summary>
/// Akka.Persistence.Query's <c>EventsByTag</c> on the SQL read journal (tag table mode). Used on PostgreSQL: its
/// journal-sequence actor holds the stream back across gaps in the ordering that concurrent writers leave until they
/// commit, so no event is skipped.
/// </summary>
public sealed class ReadJournalTaggedEvents : ITaggedEvents
{
    public static readonly ReadJournalTaggedEvents Instance = new();

    public Source<EventEnvelope, NotUsed> EventsByTag(ActorSystem system, string tag, long afterOffset) =>
        PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier).EventsByTag(tag, Offset.Sequence(afterOffset));
}
