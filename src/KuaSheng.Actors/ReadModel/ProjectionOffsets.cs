using System.Data.Common;
using System.Globalization;
using KuaSheng.Actors.Hosting;

namespace KuaSheng.Actors.ReadModel;

/// <summary>The table every projection keeps its offset in, and the backlog count on the journal's tag table; shared by
/// the projections so that each writes its offset inside its own batch transaction.</summary>
public static class ProjectionOffsets
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS projection_offsets (
            name          TEXT   NOT NULL PRIMARY KEY,
            "offset"      BIGINT NOT NULL,
            updated_at_ms BIGINT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS projection_versions (
            name    TEXT    NOT NULL PRIMARY KEY,
            version INTEGER NOT NULL
        );
        """;

    /// <summary>Counts of the backlog stop here: a full count is O(backlog) and took over a minute during a rebuild of
    /// ~100,000 events on SQLite (docs/benchmarks.md).</summary>
    public const long BacklogCountCap = 10_000;

    /// <summary>The projection's offset, and whether its tables were written by another version of its code
    /// (<paramref name="version"/>: what the projection writes now; an offset without a version predates versions).</summary>
    public static async Task<StoredOffset> LoadAsync(DbConnection connection, string projection, int version, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT o."offset", o.updated_at_ms, v.version FROM projection_offsets o LEFT JOIN projection_versions v ON v.name = o.name
            WHERE o.name = @name
            """;
        command.AddParameter("name", projection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return new StoredOffset(0, null);
        var stored = reader.IsDBNull(2) ? (int?)null : Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
        return new StoredOffset(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), stored != version);
    }

    /// <summary>The journal's highest ordering (0 when it holds no event yet).</summary>
    public static async Task<long> JournalEndAsync(DbConnection journal, CancellationToken ct)
    {
        await using var command = journal.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(ordering), 0) FROM event_journal";
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (NodeDatabase.IsMissingTable(e))
        {
            return 0;
        }
    }

    /// <summary>Stores the offset and the version of the code that wrote the batch, in the batch's transaction.</summary>
    public static async Task SaveAsync(DbConnection connection, DbTransaction tx, string projection, int version, long offset, DateTimeOffset now,
        CancellationToken ct)
    {
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = """
                INSERT INTO projection_offsets (name, "offset", updated_at_ms) VALUES (@name, @offset, @now)
                ON CONFLICT (name) DO UPDATE SET "offset" = excluded."offset", updated_at_ms = excluded.updated_at_ms
                """;
            command.AddParameter("name", projection);
            command.AddParameter("offset", offset);
            command.AddParameter("now", now.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(ct);
        }
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = """
                INSERT INTO projection_versions (name, version) VALUES (@name, @version)
                ON CONFLICT (name) DO UPDATE SET version = excluded.version
                """;
            command.AddParameter("name", projection);
            command.AddParameter("version", version);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    public static async Task DeleteAsync(DbConnection connection, DbTransaction tx, string projection, CancellationToken ct)
    {
        foreach (var table in new[] { "projection_offsets", "projection_versions" })
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = $"DELETE FROM {table} WHERE name = @name";
            command.AddParameter("name", projection);
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
