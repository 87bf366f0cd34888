using System.Collections.Concurrent;
using System.Data.Common;
using KuaSheng.Actors.Hosting;
using Npgsql;

namespace KuaSheng.Actors.ReadModel;

/// <summary>
/// An index on the journal's tag table by (tag, ordering), which the projections' <c>EventsByTag</c> queries need.
/// Akka.Persistence.Sql creates only <c>(tag)</c>: every tag here covers most rows, so SQLite read the whole tag from
/// the start and sorted it on every poll (measured: 42 ms a query at 200,000 events, growing with the journal; 1.5 ms
/// with this index, flat), which made the projection's lag grow with the journal and a rebuild of 100,000 events take
/// longer than 6 minutes. Created when a projection first reads or writes and the tag table exists (the plugin makes it
/// with the first event), once per database and process.
/// </summary>
public static class JournalTagIndex
{
    private const string Ddl = "CREATE INDEX IF NOT EXISTS tags_tag_ordering_id ON tags (tag, ordering_id)";
    private static readonly ConcurrentDictionary<string, bool> Ready = new(StringComparer.Ordinal);

    /// <summary>Whether the index was made (or found) on this database by this process.</summary>
    public static bool IsReady(string connectionString) => Ready.ContainsKey(connectionString);

    public static async Task EnsureAsync(DbConnection connection, string connectionString, CancellationToken ct)
    {
        if (Ready.ContainsKey(connectionString)) return;
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Ddl;
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Another node created it at the same instant.
        }
        catch (Exception e) when (NodeDatabase.IsMissingTable(e))
        {
            return; // no event written yet: the next batch tries again
        }
        Ready[connectionString] = true;
    }
}
