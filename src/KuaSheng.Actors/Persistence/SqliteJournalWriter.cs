using Microsoft.Data.Sqlite;

namespace KuaSheng.Actors.Persistence;

/// <summary>
/// The journal's writes on SQLite, group-committed: one connection, and every write waiting when the previous commit
/// ended goes into the next transaction, so one sync of the WAL serves all of them (SQLite takes one writer at a time;
/// the plugin's writer, which did the same with parallelism 1, rendered every row's insert through linq2db). A write's
/// rows are never split between transactions. When a constraint refuses a row (an entity writing a sequence number
/// twice), each of the transaction's writes is tried again on its own, so that write fails alone; any other failure
/// fails the transaction's writes together.
/// </summary>
internal sealed class SqliteJournalWriter : IAsyncDisposable
{
    /// <summary>Rows per transaction at most (a write with more still goes whole).</summary>
    private const int MaxRowsPerCommit = 1000;

    private sealed record Write(JournalRow[] Rows, TaskCompletionSource Done);

    private readonly string _connectionString;
    private readonly GroupCommitQueue<Write> _writes;
    private SqliteJournalInserts? _inserts;
    private long _commits;

    /// <summary>Transactions committed (tests and diagnostics).</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    public SqliteJournalWriter(string connectionString)
    {
        _connectionString = connectionString;
        _writes = new GroupCommitQueue<Write>(CommitAsync, MaxRowsPerCommit, w => w.Rows.Length, () =>
        {
            _inserts?.Dispose();
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Completes when <paramref name="rows"/> are committed (all of them, in one transaction), or fails.</summary>
    public Task WriteAsync(JournalRow[] rows)
    {
        var write = new Write(rows, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _writes.TryQueue(write) ? write.Done.Task : Task.FromException(new ObjectDisposedException(nameof(SqliteJournalWriter)));
    }

    private async Task CommitAsync(IReadOnlyList<Write> batch)
    {
        try
        {
            _inserts ??= await SqliteJournalInserts.OpenAsync(_connectionString);
            _inserts.Commit(batch.SelectMany(w => w.Rows));
            Interlocked.Increment(ref _commits);
        }
        catch (Exception e)
        {
            // A fresh connection next time.
            _inserts?.Dispose();
            _inserts = null;
            if (batch.Count > 1 && IsOneWritesFault(e))
                foreach (var write in batch) await CommitAsync([write]);
            else
                foreach (var write in batch) write.Done.TrySetException(e);
            return;
        }
        foreach (var write in batch) write.Done.TrySetResult();
    }

    /// <summary>A constraint refused a row (a sequence number written twice): the fault of one write, which the others
    /// must not share. Anything else (the lock not taken within the busy timeout, a full disk) would fail each of them
    /// again, one busy timeout after another.</summary>
    private static bool IsOneWritesFault(Exception e) => e is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT };

    /// <summary>Takes no more writes; the ones queued are committed first.</summary>
    public ValueTask DisposeAsync() => _writes.DisposeAsync();
}
