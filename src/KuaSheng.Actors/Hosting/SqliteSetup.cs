using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Actors.Hosting;

/// <summary>Prepares the embedded database before the journal opens it: the folder, and WAL mode (readers never
/// block the writer; measured 2-2.5x faster here than the default rollback journal). WAL is a property of the file,
/// so it is set once and stays. <see cref="OnOpened"/> gives every connection to the file its per-connection settings.</summary>
public static class SqliteSetup
{
    /// <summary>The synchronous mode of each database file a node prepared, by its connection string: every connection
    /// to the file commits the same way (the journal's file: journal, snapshots, idempotency records; the read models'
    /// own file, <see cref="KuaShengOptions.SqliteReadModelConnectionString"/>).</summary>
    private static readonly ConcurrentDictionary<string, SqliteSynchronous> Modes = new(StringComparer.Ordinal);

    public static void Prepare(string connectionString, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        Modes[connectionString] = synchronous;
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Per-connection settings, run on every open (the journal's connections through linq2db, the stores' through
    /// <see cref="NodeDatabase"/>). busy_timeout: a writer that finds SQLite's one write lock taken waits inside SQLite,
    /// which retries within a millisecond or two, for as long as the connection string's Default Timeout. Without it
    /// Microsoft.Data.Sqlite retries on its own and sleeps 150 ms before each retry, so every collision between the
    /// journal, the idempotency records and the read model cost 150 ms (docs/benchmarks.md, issue #6).
    /// wal_autocheckpoint = 0: the WAL is copied back into the file by <see cref="SqliteCheckpointer"/> in the background,
    /// not inside a commit; a connection that opens the file without a node running (tools) checkpoints on close.
    /// synchronous: the file's mode as prepared (<see cref="SqliteSynchronous"/>; FULL for a file no node prepared).
    /// FULL syncs the WAL at every commit, while holding SQLite's one write lock (0.5 ms on average on this disk under
    /// load, docs/benchmarks.md session 9); the journal writes the events of all commands waiting for it in one
    /// transaction, so one sync serves every command that queued during the previous commit.
    /// </summary>
    public static string Pragmas(string connectionString)
    {
        var synchronous = Modes.GetValueOrDefault(connectionString, SqliteSynchronous.Full);
        return PragmaTexts.GetOrAdd((connectionString, synchronous), static key =>
            $"PRAGMA busy_timeout = {new SqliteConnectionStringBuilder(key.ConnectionString).DefaultTimeout * 1000}; PRAGMA wal_autocheckpoint = 0; " +
            SynchronousPragma(key.Synchronous));
    }

    /// <summary>The pragma that gives a connection the file's synchronous mode as prepared (FULL unless prepared NORMAL).</summary>
    public static string SynchronousPragma(string connectionString) =>
        SynchronousPragma(Modes.GetValueOrDefault(connectionString, SqliteSynchronous.Full));

    /// <summary>The pragma that gives a connection <paramref name="synchronous"/>.</summary>
    public static string SynchronousPragma(SqliteSynchronous synchronous) =>
        $"PRAGMA synchronous = {(synchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL")};";

    private static readonly ConcurrentDictionary<(string ConnectionString, SqliteSynchronous Synchronous), string> PragmaTexts = new();

    /// <summary>The pragmas last run on each open SQLite connection, by its native handle: a connection taken again
    /// from Microsoft.Data.Sqlite's pool keeps its handle and its settings, so they are run once per handle, not on
    /// every open (every journal write opens one).</summary>
    private static readonly ConditionalWeakTable<object, string> Applied = new();

    public static void OnOpened(DbConnection connection, string pragmas)
    {
        if (HasRun(connection, pragmas)) return;
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
        Remember(connection, pragmas);
    }

    public static async Task OnOpenedAsync(DbConnection connection, string pragmas, CancellationToken ct)
    {
        if (HasRun(connection, pragmas)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(ct);
        Remember(connection, pragmas);
    }

    private static bool HasRun(DbConnection connection, string pragmas) =>
        connection is SqliteConnection { Handle: { } handle } && Applied.TryGetValue(handle, out var ran) && string.Equals(ran, pragmas, StringComparison.Ordinal);

    private static void Remember(DbConnection connection, string pragmas)
    {
        if (connection is SqliteConnection { Handle: { } handle }) Applied.AddOrUpdate(handle, pragmas);
    }

    /// <summary>One passive checkpoint of the file's WAL (<see cref="SqliteCheckpointer"/>).</summary>
    public static async Task CheckpointAsync(string connectionString)
    {
        await using var connection = await NodeDatabase.OpenAsync(DatabaseKind.Sqlite, connectionString, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await command.ExecuteNonQueryAsync();
    }
}
