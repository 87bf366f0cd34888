using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams.Dsl;
using Akka.Util;
using KuaSheng.Actors.Hosting;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Actors.ReadModel;

/// <summary>
/// The events of a <see cref="JournalStream"/> read straight from the journal (and, for a tag, the plugin's tag table)
/// on SQLite, in order, polling when there are none.
/// Why not the read journal's <c>EventsByTag</c>: with Akka.Persistence.Sql 1.5.73 and linq2db 6.5.1 its query on
/// SQLite gathers each row's tags with <c>GROUP_CONCAT(CASE WHEN t1.ordering_id = x.ordering ...) FROM tags t1</c>,
/// a scan of the whole tag table for every row returned: quadratic in the journal (4,800 events took 2.2 s in one
/// query; a rebuild of 100,000 did not finish in 6 minutes; the live lag grew with the journal). Reading the tag table
/// directly (and the journal by ordering) is safe on SQLite because it has one writer: orderings commit in order, so no gap can be passed over and
/// filled later (what the read journal's sequence actor guards against on PostgreSQL).
/// </summary>
public sealed class SqliteJournalEvents(string connectionString, int batchSize, TimeSpan pollInterval) : IJournalEvents
{
    private const string TagQuery = """
        SELECT e.ordering, e.persistence_id, e.sequence_nr, e.payload, e.manifest, e.serializer_id, e.timestamp
        FROM tags t JOIN event_journal e ON e.ordering = t.ordering_id
        WHERE t.tag = @tag AND t.ordering_id > @offset AND e.is_deleted = 0
        ORDER BY t.ordering_id
        LIMIT @limit
        """;

    private const string EntityQuery = """
        SELECT e.ordering, e.persistence_id, e.sequence_nr, e.payload, e.manifest, e.serializer_id, e.timestamp
        FROM event_journal e
        WHERE e.ordering > @offset AND substr(e.persistence_id, 1, @length) = @prefix AND e.is_deleted = 0
        ORDER BY e.ordering
        LIMIT @limit
        """;

    public Source<EventEnvelope, NotUsed> Events(ActorSystem system, JournalStream stream, long afterOffset) =>
        Source.UnfoldAsync<long, IReadOnlyList<EventEnvelope>>(afterOffset, async offset =>
            {
                var batch = await ReadAsync(system, stream, offset);
                if (batch.Count == 0) await Task.Delay(pollInterval);
                return Option<(long, IReadOnlyList<EventEnvelope>)>.Create((batch.Count == 0 ? offset : ((Sequence)batch[^1].Offset).Value, batch));
            })
            .SelectMany(batch => batch);

    private async Task<IReadOnlyList<EventEnvelope>> ReadAsync(ActorSystem system, JournalStream stream, long offset)
    {
        await using var connection = await NodeDatabase.OpenAsync(DatabaseKind.Sqlite, connectionString, CancellationToken.None);
        await using var command = connection.CreateCommand();
        string[] tags;
        switch (stream)
        {
            case JournalStream.Tagged t:
                await JournalTagIndex.EnsureAsync(connection, connectionString, CancellationToken.None);
                command.CommandText = TagQuery;
                command.AddParameter("tag", t.Tag);
                tags = [t.Tag];
                break;
            case JournalStream.Entities e:
                command.CommandText = EntityQuery;
                command.AddParameter("prefix", e.PersistenceIdPrefix);
                command.AddParameter("length", e.PersistenceIdPrefix.Length);
                tags = [];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(stream), stream, "Unknown journal stream");
        }
        command.AddParameter("offset", offset);
        command.AddParameter("limit", batchSize);
        var events = new List<EventEnvelope>();
        SqliteDataReader reader;
        try
        {
            reader = (SqliteDataReader)await command.ExecuteReaderAsync();
        }
        catch (Exception e) when (NodeDatabase.IsMissingTable(e))
        {
            return events; // no event written yet
        }
        await using var _ = reader;
        while (await reader.ReadAsync())
        {
            var ordering = reader.GetInt64(0);
            var payload = (byte[])reader.GetValue(3);
            var manifest = reader.IsDBNull(4) ? "" : reader.GetString(4);
            var @event = system.Serialization.Deserialize(payload, reader.GetInt32(5), manifest);
            events.Add(new EventEnvelope(Offset.Sequence(ordering), reader.GetString(1), reader.GetInt64(2), @event, reader.GetInt64(6), tags));
        }
        return events;
    }
}
