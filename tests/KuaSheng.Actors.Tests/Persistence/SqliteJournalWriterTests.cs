using System.Collections.Immutable;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Persistence;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Actors.Tests.Persistence;

/// <summary>The journal's writer on SQLite: what waits for the lock is committed together, and a write a constraint
/// refuses fails alone.</summary>
public sealed class SqliteJournalWriterTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-test-" + Guid.NewGuid().ToString("N"));
    private string _connectionString = "";

    /// <summary>The tables as Akka.Persistence.Sql 1.5.73 creates them for its sqlite mapping (the round trip through the
    /// plugin itself is <see cref="SqliteJournalTests"/>).</summary>
    private const string Schema = """
        CREATE TABLE event_journal (
            ordering INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, timestamp INTEGER NOT NULL, is_deleted Bit NOT NULL,
            persistence_id NVarChar(255) NOT NULL, sequence_nr INTEGER NOT NULL, payload VarBinary NOT NULL,
            manifest NVarChar(500) NULL, serializer_id INTEGER NULL);
        CREATE UNIQUE INDEX event_journal_uq ON event_journal (persistence_id, sequence_nr);
        CREATE TABLE tags (ordering_id INTEGER NOT NULL, tag NVarChar(64) NOT NULL, sequence_nr INTEGER NOT NULL,
            persistence_id NVarChar(255) NOT NULL, CONSTRAINT PK_tags PRIMARY KEY (ordering_id, tag));
        """;

    public async Task InitializeAsync()
    {
        _connectionString = new KuaShengOptions { DataDir = _dir }.SqliteConnectionString();
        SqliteSetup.Prepare(_connectionString);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private static JournalRow Row(string persistenceId, long sequenceNr, params string[] tags) =>
        new(persistenceId, sequenceNr, 638_000_000_000_000_000 + sequenceNr, [1, 2, 3], "m", 1701, ImmutableHashSet.Create(tags));

    /// <summary>Holds SQLite's write lock from another connection until disposed (not pooled: closing it ends the
    /// transaction).</summary>
    private async Task<SqliteConnection> HoldWriteLockAsync()
    {
        var blocker = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());
        await blocker.OpenAsync();
        await using var begin = blocker.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return blocker;
    }

    private async Task<List<(string PersistenceId, long SequenceNr)>> JournalAsync()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, sequence_nr FROM event_journal ORDER BY ordering";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt64(1)));
        return rows;
    }

    [Fact]
    public async Task Writes_that_wait_for_the_lock_are_committed_together_in_the_order_they_came()
    {
        await using var writer = new SqliteJournalWriter(_connectionString);
        Task[] writes;
        await using (var blocker = await HoldWriteLockAsync())
        {
            writes = Enumerable.Range(0, 40).Select(i => writer.WriteAsync([Row($"p{i}", 1), Row($"p{i}", 2)])).ToArray();
            await Task.Delay(300);
            Assert.All(writes, w => Assert.False(w.IsCompleted));
        }
        await Task.WhenAll(writes);

        // The first write may have been taken alone before the others queued behind it; all the others share one sync.
        Assert.InRange(writer.Commits, 1, 2);
        var expected = Enumerable.Range(0, 40).SelectMany(i => new[] { ($"p{i}", 1L), ($"p{i}", 2L) });
        Assert.Equal(expected, await JournalAsync());
    }

    [Fact]
    public async Task A_write_a_constraint_refuses_fails_alone_and_the_writes_committed_with_it_stay()
    {
        await using var writer = new SqliteJournalWriter(_connectionString);
        await writer.WriteAsync([Row("taken", 1)]);
        Task before, duplicate, after;
        await using (var blocker = await HoldWriteLockAsync())
        {
            before = writer.WriteAsync([Row("a", 1)]);
            await Task.Delay(100); // the writer now waits for the lock with "a"; the next three queue behind it
            duplicate = writer.WriteAsync([Row("b", 1), Row("taken", 1)]);
            after = writer.WriteAsync([Row("c", 1, "ticket")]);
        }

        await before;
        var refused = await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        Assert.Equal(SQLitePCL.raw.SQLITE_CONSTRAINT, refused.SqliteErrorCode);
        await after;
        // The refused write left nothing behind, not even its first row.
        Assert.Equal([("taken", 1L), ("a", 1L), ("c", 1L)], await JournalAsync());
        await writer.WriteAsync([Row("d", 1)]);
        Assert.Equal(("d", 1L), (await JournalAsync())[^1]);
    }

    [Fact]
    public async Task A_tagged_row_gets_a_tag_row_with_its_ordering()
    {
        await using var writer = new SqliteJournalWriter(_connectionString);
        await writer.WriteAsync([Row("x", 1), Row("y", 1, "ticket", "other")]);

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT t.tag, t.persistence_id, t.sequence_nr FROM tags t JOIN event_journal e ON e.ordering = t.ordering_id
            WHERE e.persistence_id = t.persistence_id AND e.sequence_nr = t.sequence_nr ORDER BY t.tag
            """;
        await using var reader = await command.ExecuteReaderAsync();
        var tags = new List<(string, string, long)>();
        while (await reader.ReadAsync()) tags.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        Assert.Equal([("other", "y", 1L), ("ticket", "y", 1L)], tags);
    }
}
