using System.Data.Common;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Tests.ReadModel;
using Npgsql;

namespace KuaSheng.Actors.Tests.Wiring;

/// <summary>Schema scripts that share a table (as the case and ticket read models share <c>projection_offsets</c>),
/// started at the same instant in a fresh database, all create every table of theirs. Before the advisory lock the
/// loser of a <c>CREATE TABLE IF NOT EXISTS</c> race on PostgreSQL failed on <c>pg_type</c>, its script stopped there
/// and it still called the schema ready: a projection ran for minutes against a table that was never made.</summary>
public sealed class TableSchemaTests
{
    private const int Scripts = 8;

    private static string Script(int i) => $"""
        CREATE TABLE IF NOT EXISTS shared_offsets (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS shared_versions (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS own_{i} (id TEXT PRIMARY KEY);
        CREATE INDEX IF NOT EXISTS own_{i}_id ON own_{i} (id);
        """;

    [PostgresFact]
    public async Task Racing_scripts_on_postgresql_all_create_their_tables()
    {
        for (var round = 0; round < 5; round++)
        {
            var target = await PostgresFactAttribute.FreshDatabaseAsync("ks_schema_");
            async Task<DbConnection> Open(CancellationToken ct)
            {
                var connection = new NpgsqlConnection(target);
                await connection.OpenAsync(ct);
                return connection;
            }

            using var start = new ManualResetEventSlim();
            var runs = Enumerable.Range(0, Scripts).Select(i => Task.Run(async () =>
            {
                var schema = new TableSchema(Script(i), Open);
                start.Wait();
                await schema.EnsureAsync(CancellationToken.None);
            })).ToList();
            start.Set();
            await Task.WhenAll(runs);

            await using var check = await Open(CancellationToken.None);
            await using var query = check.CreateCommand();
            query.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'";
            var tables = new HashSet<string>();
            await using (var reader = await query.ExecuteReaderAsync())
                while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
            var expected = Enumerable.Range(0, Scripts).Select(i => $"own_{i}").Append("shared_offsets").Append("shared_versions");
            Assert.All(expected, t => Assert.Contains(t, tables));
        }
    }

    [Fact]
    public async Task A_failed_script_is_run_again_by_the_next_call()
    {
        var file = Path.Combine(Path.GetTempPath(), "kuasheng-schema-" + Guid.NewGuid().ToString("N") + ".db");
        var connectionString = $"Data Source={file};Pooling=False";
        var fail = true;
        async Task<DbConnection> Open(CancellationToken ct)
        {
            if (fail) throw new IOException("database away");
            var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
            await connection.OpenAsync(ct);
            return connection;
        }
        try
        {
            var schema = new TableSchema(Script(0), Open);
            await Assert.ThrowsAsync<IOException>(() => schema.EnsureAsync(CancellationToken.None));
            fail = false;
            await schema.EnsureAsync(CancellationToken.None);
            await using var connection = await Open(CancellationToken.None);
            await using var query = connection.CreateCommand();
            query.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('own_0', 'shared_offsets', 'shared_versions')";
            Assert.Equal(3L, await query.ExecuteScalarAsync());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
