using System.Diagnostics;
using KuaSheng.Actors.Hosting;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Bench.Suite;

/// <summary>
/// The database's own limit: rows of the journal's shape and size (a copy of <c>event_journal</c>'s table and indexes,
/// created from its own DDL) inserted directly with Microsoft.Data.Sqlite, <c>batch</c> rows per transaction, one writer
/// (SQLite has one), on the node's file, opened as the node opens it (<see cref="NodeDatabase.OpenAsync"/>: its
/// connection string and per-connection settings). Rows/s counted after a warm-up.
/// </summary>
internal static class DatabaseLimit
{
    private const string Table = "bench_db_limit";

    public static async Task<double> MeasureAsync(string connectionString, int payloadBytes, int batch, TimeSpan warmup, TimeSpan measure)
    {
        await using var connection = (SqliteConnection)await NodeDatabase.OpenAsync(DatabaseKind.Sqlite, connectionString, CancellationToken.None);
        CopyJournalSchema(connection);
        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"""
            INSERT INTO {Table} (timestamp, is_deleted, persistence_id, sequence_nr, payload, manifest, serializer_id)
            VALUES (@ts, 0, @pid, @seq, @payload, 'ev.sub', 110)
            """;
        var ts = insert.Parameters.Add("@ts", SqliteType.Integer);
        var pid = insert.Parameters.Add("@pid", SqliteType.Text);
        var seq = insert.Parameters.Add("@seq", SqliteType.Integer);
        insert.Parameters.AddWithValue("@payload", payload);

        long rows = 0, counted = 0;
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(measure.TotalSeconds * Stopwatch.Frequency);
        long measuredAt = 0;
        while (Stopwatch.GetTimestamp() < end)
        {
            if (measuredAt == 0 && Stopwatch.GetTimestamp() >= measureFrom) (measuredAt, counted) = (Stopwatch.GetTimestamp(), rows);
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
            insert.Transaction = tx;
            for (var i = 0; i < batch; i++, rows++)
            {
                ts.Value = DateTime.UtcNow.Ticks;
                // Many writers' worth of ids, a few events each, as cases are.
                pid.Value = $"db-limit-{rows / 10}";
                seq.Value = rows % 10 + 1;
                await insert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        return (rows - counted) / Stopwatch.GetElapsedTime(measuredAt).TotalSeconds;
    }

    /// <summary>The durability setting a connection of the node gets (PRAGMA synchronous: 0 off, 1 normal, 2 full, 3 extra).</summary>
    public static async Task<long> SynchronousAsync(string connectionString)
    {
        await using var connection = await NodeDatabase.OpenAsync(DatabaseKind.Sqlite, connectionString, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>event_journal's CREATE TABLE and CREATE INDEX statements, renamed.</summary>
    private static void CopyJournalSchema(SqliteConnection connection)
    {
        var statements = new List<string>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name = 'event_journal' AND sql IS NOT NULL ORDER BY type DESC";
            using var reader = read.ExecuteReader();
            while (reader.Read()) statements.Add(reader.GetString(0).Replace("event_journal", Table, StringComparison.Ordinal));
        }
        if (statements.Count == 0) throw new InvalidOperationException("event_journal does not exist yet: start the journal first.");
        using var create = connection.CreateCommand();
        create.CommandText = $"DROP TABLE IF EXISTS {Table}; " + string.Join(";\n", statements);
        create.ExecuteNonQuery();
    }
}
