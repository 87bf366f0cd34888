using System.Data.Common;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Persistence;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Api.Infrastructure;

/// <summary>
/// The writes of the API's own tables on SQLite (idempotency claims, answers, releases; wrong query codes), queued and
/// committed by one connection per store, as many as are waiting in one transaction. SQLite takes one writer at a time:
/// a transaction per request competed with every other request and with the journal for that lock, and two of them per
/// POST cost more CPU than the command itself (docs/benchmarks.md, issue #6). Each write still gets its own row count.
/// A write queued as not synced on its own (an idempotency claim) may commit without a sync of the WAL when no synced
/// write shares its transaction: the WAL is one file appended in order, so the next synced commit to the file (the
/// command's own journal write, the answer) syncs it too, and nothing that depends on it can be on disk without it.
/// </summary>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private sealed record Write(string Sql, Action<DbCommand> Parameters, bool Synced, TaskCompletionSource<int> Done);

    private readonly string _connectionString;
    private readonly GroupCommitQueue<Write> _writes;
    private DbConnection? _connection;
    private long _unsyncedCommits;

    /// <summary>Transactions committed without a sync of their own (tests and diagnostics).</summary>
    internal long UnsyncedCommits => Interlocked.Read(ref _unsyncedCommits);

    public SqliteWriteQueue(string connectionString)
    {
        _connectionString = connectionString;
        _writes = new GroupCommitQueue<Write>(CommitAsync, MaxBatch, closed: async () =>
        {
            if (_connection is not null) await _connection.DisposeAsync();
        });
    }

    /// <summary>Runs <paramref name="sql"/> in the next transaction; the number of rows it changed. <paramref name="synced"/>
    /// false: the transaction need not sync the WAL for this write (see the class).</summary>
    public Task<int> ExecuteAsync(string sql, Action<DbCommand> parameters, CancellationToken ct, bool synced = true)
    {
        var write = new Write(sql, parameters, synced, new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_writes.TryQueue(write)) throw new ObjectDisposedException(nameof(SqliteWriteQueue));
        return write.Done.Task.WaitAsync(ct);
    }

    private async Task CommitAsync(IReadOnlyList<Write> batch)
    {
        var counts = new int[batch.Count];
        var unsynced = batch.All(w => !w.Synced);
        try
        {
            _connection ??= await NodeDatabase.OpenAsync(DatabaseKind.Sqlite, _connectionString, CancellationToken.None);
            if (unsynced) await PragmaAsync(SqliteSetup.SynchronousPragma(SqliteSynchronous.Normal));
            await using (var transaction = await _connection.BeginTransactionAsync())
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    await using var command = _connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = batch[i].Sql;
                    batch[i].Parameters(command);
                    counts[i] = await command.ExecuteNonQueryAsync();
                }
                await transaction.CommitAsync();
            }
        }
        catch (Exception e)
        {
            // A fresh connection next time; one failing write must not fail the others: each again on its own.
            await DropConnectionAsync();
            if (batch.Count == 1) batch[0].Done.TrySetException(e);
            else foreach (var write in batch) await CommitAsync([write]);
            return;
        }
        if (unsynced) await RestoreModeAsync();
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(counts[i]);
    }

    /// <summary>After an unsynced commit (it is done: its writes are not run again whatever happens here), the
    /// connection takes the file's mode again, or is dropped.</summary>
    private async Task RestoreModeAsync()
    {
        Interlocked.Increment(ref _unsyncedCommits);
        try
        {
            await PragmaAsync(SqliteSetup.SynchronousPragma(_connectionString));
        }
        catch (Exception)
        {
            await DropConnectionAsync();
        }
    }

    /// <summary>Closes the connection for good: it may be left without its sync, so it must not go back to the pool.</summary>
    private async Task DropConnectionAsync()
    {
        if (_connection is SqliteConnection sqlite) SqliteConnection.ClearPool(sqlite);
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }

    private async Task PragmaAsync(string pragma)
    {
        await using var command = _connection!.CreateCommand();
        command.CommandText = pragma;
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => _writes.DisposeAsync();
}
