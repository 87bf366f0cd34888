using KuaSheng.Actors.Hosting;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Actors.Tests.Wiring;

/// <summary>Every connection to a node's SQLite file commits with the file's synchronous mode
/// (<see cref="KuaShengOptions.SqliteSynchronous"/>): FULL unless a node prepared it NORMAL.</summary>
public sealed class SqliteDurabilityTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string File(string name) => new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, name + ".db") }.ToString();

    /// <summary>PRAGMA synchronous of a connection opened as the stores open theirs: 1 NORMAL, 2 FULL.</summary>
    private static async Task<long> SynchronousOf(string connectionString)
    {
        await using var connection = await NodeDatabase.OpenAsync(DatabaseKind.Sqlite, connectionString, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_file_prepared_full_or_by_default_syncs_every_commit_and_one_prepared_normal_does_not()
    {
        SqliteSetup.Prepare(File("full"));
        SqliteSetup.Prepare(File("normal"), SqliteSynchronous.Normal);
        SqliteSetup.Prepare(File("explicit"), SqliteSynchronous.Full);

        Assert.Equal(2, await SynchronousOf(File("full")));
        Assert.Equal(1, await SynchronousOf(File("normal")));
        Assert.Equal(2, await SynchronousOf(File("explicit")));
    }

    [Fact]
    public async Task Settings_are_run_once_per_pooled_connection_and_again_when_the_files_mode_changes()
    {
        SqliteSetup.Prepare(File("pooled"), SqliteSynchronous.Normal);
        Assert.Equal(1, await SynchronousOf(File("pooled")));
        await using (var connection = await NodeDatabase.OpenAsync(DatabaseKind.Sqlite, File("pooled"), CancellationToken.None))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 7";
            await command.ExecuteNonQueryAsync();
        }
        Assert.Equal(7, await Pragma(File("pooled"), "busy_timeout")); // the pooled handle was not set up again

        SqliteSetup.Prepare(File("pooled"), SqliteSynchronous.Full);
        Assert.Equal(2, await SynchronousOf(File("pooled")));
        Assert.NotEqual(7, await Pragma(File("pooled"), "busy_timeout"));

        SqliteConnection.ClearAllPools();
        Assert.Equal(2, await SynchronousOf(File("pooled")));
    }

    private static async Task<long> Pragma(string connectionString, string name)
    {
        await using var connection = await NodeDatabase.OpenAsync(DatabaseKind.Sqlite, connectionString, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public void The_option_is_full_unless_configured()
    {
        Assert.Equal(SqliteSynchronous.Full, new KuaShengOptions().SqliteSynchronous);
    }
}
