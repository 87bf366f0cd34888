using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.ReadModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using static KuaSheng.Actors.Tests.Wiring.NodeCases;

namespace KuaSheng.Actors.Tests.Wiring;

/// <summary>The journal on SQLite has the indexes the node relies on: the plugin's (a guard for plugin upgrades: an
/// entity's recovery reads its own rows by index instead of scanning the journal, and a sequence number cannot be
/// written twice) and ours for the projections' tag queries (<see cref="JournalTagIndex"/>).</summary>
public sealed class SqliteJournalSchemaTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static string Plan(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        using var reader = command.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read()) steps.Add(reader.GetString(3));
        return string.Join("; ", steps);
    }

    [Fact]
    public async Task A_fresh_node_journals_into_indexed_tables_that_refuse_a_sequence_number_twice()
    {
        var connectionString = new KuaShengOptions { DataDir = _dir }.SqliteConnectionString();
        await using (var node = await Node.StartAsync(_dir, Monday))
        {
            var reply = await Send(node, "c1", "1", Submission("c1"), TimeSpan.FromSeconds(20));
            Assert.Null(reply.Refusal);
            // The tag projection's first read adds the tag index (the ticket projection's; the case projection, which
            // reads by persistence id, may be done before it).
            var store = node.Services.GetRequiredService<CaseReadModelStore>();
            var until = DateTime.UtcNow.AddSeconds(60);
            while (((await store.SearchAsync(new CaseSearch())).Total == 0 || !JournalTagIndex.IsReady(connectionString)) && DateTime.UtcNow < until)
                await Task.Delay(100);
        }
        // A connection of its own, not one from the pool: a pooled connection that read the schema before the node
        // made the tag index can explain a query with that older schema (seen: 2 runs of the suite in 6).
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();

        var recovery = Plan(connection, "SELECT * FROM event_journal WHERE persistence_id = 'case-c1' AND sequence_nr >= 1 ORDER BY sequence_nr");
        Assert.Matches("SEARCH event_journal USING (COVERING )?INDEX \\w+ \\(persistence_id=\\? AND sequence_nr>\\?\\)", recovery);
        var byTag = Plan(connection, "SELECT ordering_id FROM tags WHERE tag = 'case' AND ordering_id > 0 ORDER BY ordering_id");
        Assert.Contains("INDEX tags_tag_ordering_id (tag=? AND ordering_id>?)", byTag, StringComparison.Ordinal);

        using var duplicate = connection.CreateCommand();
        duplicate.CommandText = """
            INSERT INTO event_journal (timestamp, is_deleted, persistence_id, sequence_nr, payload)
            SELECT timestamp, is_deleted, persistence_id, sequence_nr, payload FROM event_journal WHERE persistence_id = 'case-c1' AND sequence_nr = 1
            """;
        var refused = Assert.Throws<SqliteException>(() => duplicate.ExecuteNonQuery());
        Assert.Contains("UNIQUE", refused.Message, StringComparison.Ordinal);
    }
}
