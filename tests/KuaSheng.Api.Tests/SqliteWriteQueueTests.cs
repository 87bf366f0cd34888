using KuaSheng.Actors.Hosting;
using KuaSheng.Api.Idempotency;
using KuaSheng.Api.Infrastructure;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Api.Tests;

/// <summary>The API's write queue on SQLite: a transaction of writes that need no sync of their own (idempotency claims)
/// commits without one, every other transaction with the file's mode, and the queue's connection keeps that mode.</summary>
public sealed class SqliteWriteQueueTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-test-" + Guid.NewGuid().ToString("N"));
    private readonly string _file;

    public SqliteWriteQueueTests()
    {
        _file = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, "queue.db") }.ToString();
        SqliteSetup.Prepare(_file);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Unsynced_writes_alone_commit_without_a_sync_and_the_connection_goes_back_with_the_files_mode()
    {
        var queue = new SqliteWriteQueue(_file);
        await queue.ExecuteAsync("CREATE TABLE t (x INTEGER)", _ => { }, CancellationToken.None);
        Assert.Equal(0, queue.UnsyncedCommits);

        Assert.Equal(1, await queue.ExecuteAsync("INSERT INTO t VALUES (1)", _ => { }, CancellationToken.None, synced: false));
        Assert.Equal(1, queue.UnsyncedCommits);
        Assert.Equal(1, await queue.ExecuteAsync("INSERT INTO t VALUES (2)", _ => { }, CancellationToken.None));
        Assert.Equal(1, queue.UnsyncedCommits);

        await queue.DisposeAsync();
        // The queue's connection is back in the pool, where its settings are not run again: it must be FULL (2).
        await using var connection = await NodeDatabase.OpenAsync(DatabaseKind.Sqlite, _file, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal(2L, await command.ExecuteScalarAsync());
        command.CommandText = "SELECT COUNT(*) FROM t";
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_idempotency_claim_is_not_synced_on_its_own_and_its_answer_is()
    {
        await using var store = new IdempotencyStore(DatabaseKind.Sqlite, _file);
        var now = DateTimeOffset.UtcNow;
        Assert.True((await store.ClaimAsync("window:a", "k1", "POST", "/api/v1/carrier/events", "h1", now, TimeSpan.FromHours(1),
            TimeSpan.FromMinutes(1))).Claimed);
        Assert.Equal(1, store.UnsyncedCommits);

        await store.CompleteAsync("window:a", "k1", new StoredAnswer(200, "application/json", null, [1, 2, 3]));
        Assert.Equal(1, store.UnsyncedCommits);
        Assert.Equal(200, (await store.FindAsync("window:a", "k1"))!.Answer!.Status);
    }
}
