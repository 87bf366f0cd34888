using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Tests.ReadModel;
using Npgsql;
using static KuaSheng.Actors.Tests.Wiring.NodeCases;

namespace KuaSheng.Actors.Tests.Wiring;

/// <summary>On PostgreSQL a fenced node's journal writes are refused, every other node's go through, and lifting the
/// fence lets the node write again.</summary>
public sealed class WriteFenceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void The_connection_string_names_the_node_after_any_configured_application_name()
    {
        Assert.Equal("kuasheng@127.0.0.1:4101",
            new NpgsqlConnectionStringBuilder(WriteFence.ConnectionString("Host=127.0.0.1", "127.0.0.1:4101")).ApplicationName);
        Assert.Equal("node2-1@127.0.0.1:4102",
            new NpgsqlConnectionStringBuilder(WriteFence.ConnectionString("Host=127.0.0.1;Application Name=node2-1", "127.0.0.1:4102")).ApplicationName);
    }

    [PostgresFact]
    public async Task A_fenced_node_cannot_write_to_the_journal_until_its_fence_is_lifted()
    {
        var database = await PostgresFactAttribute.FreshDatabaseAsync("ks_fence_");
        await using (var node = await Node.StartAsync(_dir, Monday, database, DatabaseKind.PostgreSql))
            await NodeCases.Send(node, "f1", "1", Submission("f1"), TimeSpan.FromSeconds(20)); // the journal exists

        var fenced = WriteFence.ConnectionString(database, "127.0.0.1:4999");
        var other = WriteFence.ConnectionString(database, "127.0.0.1:4998");
        await WriteFence.FenceAsync(other, "127.0.0.1:4999");

        var refused = await Assert.ThrowsAsync<PostgresException>(() => InsertRow(fenced, "case-fenced", 1));
        Assert.Contains("fenced", refused.MessageText, StringComparison.Ordinal);
        await InsertRow(other, "case-other", 1);

        await WriteFence.LiftAsync(fenced, "127.0.0.1:4999");
        await InsertRow(fenced, "case-fenced", 1);
    }

    private static async Task InsertRow(string connectionString, string persistenceId, long sequenceNr)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO event_journal (persistence_id, sequence_nr, is_deleted, manifest, payload, created_at)
            VALUES (@p, @s, false, 'x', '\x00'::bytea, 0)
            """;
        command.Parameters.AddWithValue("p", persistenceId);
        command.Parameters.AddWithValue("s", sequenceNr);
        await command.ExecuteNonQueryAsync();
    }
}
