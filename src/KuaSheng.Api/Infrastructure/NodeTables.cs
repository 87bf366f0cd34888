using System.Data.Common;
using KuaSheng.Actors.Hosting;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Api.Infrastructure;

/// <summary>The node's own database (the SQLite file of the journal, or the cluster's PostgreSQL) as the API's stores use
/// it: a connection per read, and writes — on SQLite queued and committed together by one connection
/// (<see cref="SqliteWriteQueue"/>), on PostgreSQL as they come.</summary>
public sealed class NodeTables : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly SqliteWriteQueue? _writes;

    public NodeTables(DatabaseKind database, string connectionString)
    {
        Database = database;
        _connectionString = connectionString;
        if (database == DatabaseKind.PostgreSql) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        _writes = new SqliteWriteQueue(connectionString);
    }

    /// <summary>The database <paramref name="options"/> name: PostgreSQL (its connection string required) or the SQLite file.</summary>
    public static NodeTables For(KuaShengOptions options) => options.Database == DatabaseKind.PostgreSql
        ? new NodeTables(DatabaseKind.PostgreSql,
            options.ConnectionString ?? throw new InvalidOperationException("KuaSheng:ConnectionString is required for PostgreSQL."))
        : new NodeTables(DatabaseKind.Sqlite, options.SqliteConnectionString());

    public DatabaseKind Database { get; }

    /// <summary>Write transactions committed without a sync of their own (SQLite only; tests and diagnostics).</summary>
    internal long UnsyncedCommits => _writes?.UnsyncedCommits ?? 0;

    public Task<DbConnection> OpenAsync(CancellationToken ct) => NodeDatabase.OpenAsync(Database, _connectionString, ct);

    /// <summary>Runs one write; the number of rows it changed. <paramref name="synced"/> false: on SQLite the write need
    /// not sync the file on its own, as long as a later synced write will (<see cref="SqliteWriteQueue"/>); on PostgreSQL
    /// every write is synced.</summary>
    public async Task<int> ExecuteAsync(string sql, Action<DbCommand> parameters, CancellationToken ct, bool synced = true)
    {
        if (_writes is not null) return await _writes.ExecuteAsync(sql, parameters, ct, synced);
        await using var connection = await OpenAsync(ct);
        return await connection.ExecuteAsync(null, sql, parameters, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writes is not null) await _writes.DisposeAsync();
    }
}
