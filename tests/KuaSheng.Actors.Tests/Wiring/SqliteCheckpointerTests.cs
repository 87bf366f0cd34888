using Akka.TestKit.Xunit2;
using KuaSheng.Actors.Hosting;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Actors.Tests.Wiring;

/// <summary>The node's connections leave the WAL to <see cref="SqliteCheckpointer"/>: no commit copies it back into the
/// database file, the checkpointer does, in the background.</summary>
public sealed class SqliteCheckpointerTests : TestKit
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-test-" + Guid.NewGuid().ToString("N"));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Writes ~8 MiB (about 2,000 pages of 4 KiB, twice SQLite's automatic checkpoint threshold) in 20
    /// commits, as the node's stores do (<see cref="NodeDatabase.OpenAsync"/>).</summary>
    private static async Task WriteAsync(string connectionString)
    {
        await using var connection = await NodeDatabase.OpenAsync(DatabaseKind.Sqlite, connectionString, CancellationToken.None);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (v BLOB NOT NULL)";
            await create.ExecuteNonQueryAsync();
        }
        for (var i = 0; i < 20; i++)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100) INSERT INTO t (v) SELECT randomblob(4000) FROM n";
            await insert.ExecuteNonQueryAsync();
        }
    }

    private (string ConnectionString, string File) Database()
    {
        var file = Path.Combine(_dir, "node.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file }.ToString();
        SqliteSetup.Prepare(connectionString);
        return (connectionString, file);
    }

    [Fact]
    public async Task Commits_leave_the_wal_alone()
    {
        var (connectionString, file) = Database();
        await WriteAsync(connectionString);
        await Task.Delay(SqliteCheckpointer.Interval * 3);
        Assert.True(new FileInfo(file).Length < 1024 * 1024, $"the database file has {new FileInfo(file).Length} bytes: a commit checkpointed");
    }

    [Fact]
    public async Task The_checkpointer_copies_the_wal_into_the_database_file()
    {
        var (connectionString, file) = Database();
        await WriteAsync(connectionString);
        Sys.ActorOf(SqliteCheckpointer.Props(connectionString));
        await AwaitAssertAsync(() => Assert.True(new FileInfo(file).Length > 7 * 1024 * 1024, $"the database file has {new FileInfo(file).Length} bytes"),
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task The_checkpointer_handles_its_own_answers()
    {
        var (connectionString, _) = Database();
        await WriteAsync(connectionString);
        var unhandled = CreateTestProbe();
        Sys.EventStream.Subscribe(unhandled.Ref, typeof(Akka.Event.UnhandledMessage));
        Sys.ActorOf(SqliteCheckpointer.Props(connectionString));
        // Several checkpoints complete in this time; each answer must be handled, not end in the dead letters.
        unhandled.ExpectNoMsg(SqliteCheckpointer.Interval * 4);
    }
}
