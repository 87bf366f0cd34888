using KuaSheng.Actors.Hosting;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Actors.Persistence;

/// <summary>
/// The journal's inserts on SQLite, on one connection with its statements prepared once: an event row, and for a
/// tagged event its ordering back and a row per tag, in the tables and columns Akka.Persistence.Sql creates for its
/// <c>sqlite</c> mapping (<c>event_journal</c>, <c>tags</c>). Plain ADO.NET: linq2db renders an insert's SQL anew for
/// every row that has a string or byte parameter (20% of the node's allocations, docs/benchmarks.md, session 9).
/// </summary>
internal sealed class SqliteJournalInserts : IDisposable
{
    private const string InsertEvent = """
        INSERT INTO event_journal (timestamp, is_deleted, persistence_id, sequence_nr, payload, manifest, serializer_id)
        VALUES ($timestamp, 0, $persistence_id, $sequence_nr, $payload, $manifest, $serializer_id)
        """;

    private const string InsertTag = """
        INSERT INTO tags (ordering_id, tag, sequence_nr, persistence_id) VALUES ($ordering_id, $tag, $sequence_nr, $persistence_id)
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _event;
    private readonly SqliteCommand _taggedEvent;
    private readonly SqliteCommand _tag;

    private SqliteJournalInserts(SqliteConnection connection)
    {
        _connection = connection;
        _event = EventCommand(connection, InsertEvent);
        _taggedEvent = EventCommand(connection, InsertEvent + " RETURNING ordering");
        _tag = connection.CreateCommand();
        _tag.CommandText = InsertTag;
        _tag.Parameters.Add("$ordering_id", SqliteType.Integer);
        _tag.Parameters.Add("$tag", SqliteType.Text);
        _tag.Parameters.Add("$sequence_nr", SqliteType.Integer);
        _tag.Parameters.Add("$persistence_id", SqliteType.Text);
    }

    /// <summary>A connection to the journal's file with the file's settings, as every store opens one
    /// (<see cref="NodeDatabase.OpenAsync"/>).</summary>
    public static async Task<SqliteJournalInserts> OpenAsync(string connectionString) =>
        new((SqliteConnection)await NodeDatabase.OpenAsync(DatabaseKind.Sqlite, connectionString, CancellationToken.None));

    /// <summary>Writes <paramref name="rows"/> in one transaction, synced as the file's mode says.</summary>
    public void Commit(IEnumerable<JournalRow> rows)
    {
        using var transaction = _connection.BeginTransaction();
        _event.Transaction = _taggedEvent.Transaction = _tag.Transaction = transaction;
        foreach (var row in rows)
        {
            if (row.Tags.Count == 0)
            {
                Bind(_event, row).ExecuteNonQuery();
                continue;
            }
            var ordering = (long)Bind(_taggedEvent, row).ExecuteScalar()!;
            foreach (var tag in row.Tags)
            {
                _tag.Parameters[0].Value = ordering;
                _tag.Parameters[1].Value = tag;
                _tag.Parameters[2].Value = row.SequenceNr;
                _tag.Parameters[3].Value = row.PersistenceId;
                _tag.ExecuteNonQuery();
            }
        }
        transaction.Commit();
    }

    private static SqliteCommand EventCommand(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add("$timestamp", SqliteType.Integer);
        command.Parameters.Add("$persistence_id", SqliteType.Text);
        command.Parameters.Add("$sequence_nr", SqliteType.Integer);
        command.Parameters.Add("$payload", SqliteType.Blob);
        command.Parameters.Add("$manifest", SqliteType.Text);
        command.Parameters.Add("$serializer_id", SqliteType.Integer);
        return command;
    }

    private static SqliteCommand Bind(SqliteCommand command, JournalRow row)
    {
        command.Parameters[0].Value = row.Timestamp;
        command.Parameters[1].Value = row.PersistenceId;
        command.Parameters[2].Value = row.SequenceNr;
        command.Parameters[3].Value = row.Payload;
        command.Parameters[4].Value = row.Manifest;
        command.Parameters[5].Value = row.SerializerId;
        return command;
    }

    public void Dispose()
    {
        _event.Dispose();
        _taggedEvent.Dispose();
        _tag.Dispose();
        _connection.Dispose();
    }
}
