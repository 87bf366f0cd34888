using Akka.Actor;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.ReadModel;
using KuaSheng.Actors.Tests.Wiring;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Intake;
using KuaSheng.Domain.Validation;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static KuaSheng.Actors.Tests.Wiring.NodeCases;

namespace KuaSheng.Actors.Tests.ReadModel;

/// <summary>The case projection over the whole wiring on a SQLite file: rows follow the cases; a node stopped in the
/// middle of projecting a burst resumes without skipping or counting twice; a rebuild gives the same tables.</summary>
public sealed class ProjectionTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }


    private static Task<CaseReply> Send(Node node, string caseId, string commandId, CaseCommand command) =>
        NodeCases.Send(node, caseId, commandId, command, Timeout);

    /// <summary>Case number i goes as far as i mod 5 says: received, forwarded, accepted, withdrawn, not accepted.</summary>
    private static async Task Drive(Node node, int i)
    {
        var caseId = $"c{i:D4}";
        await Send(node, caseId, "1", Submission(caseId));
        switch (i % 5)
        {
            case 0:
                return;
            case 4:
                await Send(node, caseId, "2", new RefuseCase("材料不符", Clerk));
                return;
        }
        await Send(node, caseId, "2", new ReviewForm(true, [], null, Clerk));
        await Send(node, caseId, "3", new VerifyIdentity(IdentityMethod.Document, true, Clerk));
        if (i % 5 == 2) await Send(node, caseId, "4", new DecideAcceptance("leg1", true, null, Notary));
        if (i % 5 == 3) await Send(node, caseId, "4", new Withdraw("不办了", Clerk));
    }

    /// <summary>How many commands <see cref="Drive"/> sends case number i: each is one journal row of the case.</summary>
    private static int Commands(int i) => (i % 5) switch { 0 => 1, 4 => 2, 1 => 3, _ => 4 };

    private static async Task<ProjectionStatus> Status(Node node) =>
        await node.Region<CaseProjectionKey>().Ask<ProjectionStatus>(new GetProjectionStatus(), Timeout);

    /// <summary>Waits until the projection has caught up with the journal (bounded; the singleton starts a few seconds
    /// after the node, and a runner that failed a batch starts again after its backoff).</summary>
    private static async Task<ProjectionStatus> CaughtUp(Node node, TimeSpan? within = null)
    {
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                var status = await Status(node);
                if (status.EventsBehind == 0 && status.Offset > 0 && !status.Rebuilding) return status;
                if (DateTime.UtcNow > until) return status;
            }
            catch (AskTimeoutException) when (DateTime.UtcNow < until)
            {
            }
            // A batch that failed (a busy database on a loaded machine) restarts the runner after its backoff (1 s, 2 s, …):
            // caught up means after that, as an operator's status call would see it.
            catch (ProjectionRestarting) when (DateTime.UtcNow < until)
            {
            }
            await Task.Delay(100);
        }
    }

    private static async Task<List<CaseSummaryRow>> All(IAsyncEnumerable<CaseSummaryRow> rows)
    {
        var all = new List<CaseSummaryRow>();
        await foreach (var row in rows) all.Add(row);
        return all;
    }

    private static async Task AssertRowsMatchCases(Node node, int count)
    {
        var store = node.Services.GetRequiredService<CaseReadModelStore>();
        var rows = (await store.SearchAsync(new CaseSearch(PageSize: 10_000))).Items.ToDictionary(r => r.CaseId);
        Assert.Equal(count, rows.Count);
        for (var i = 0; i < count; i++)
        {
            var caseId = $"c{i:D4}";
            var state = (await node.Region<CaseRegion>().Ask<CaseReply>(new GetCaseState(caseId), Timeout)).State!;
            var row = rows[caseId];
            // The read model keeps times to the millisecond; its version is the sequence number of the case's last journal
            // row, one per command.
            Assert.Equal((state.Status.ToKebab(), (long)Commands(i), state.CaseNumber, state.SubmittedAt.ToUnixTimeMilliseconds()),
                (row.Status, row.Version, row.CaseNumber, row.SubmittedAt.ToUnixTimeMilliseconds()));
            Assert.False(row.Overdue);
        }
        var dump = await store.DumpAsync();
        Assert.Equal(count, dump.Count(l => l.StartsWith("unit ", StringComparison.Ordinal) && l.EndsWith(" qj-window", StringComparison.Ordinal)));

        // The ledger facts, legs and deadlines follow in the same transactions: each counted exactly once.
        int Facts(string unit, string kind) => dump.Count(l => l.StartsWith("fact ", StringComparison.Ordinal) && l.Contains($" | {unit} | {kind} | ", StringComparison.Ordinal));
        int Cases(int remainder) => Enumerable.Range(0, count).Count(i => i % 5 == remainder);
        Assert.Equal(count, Facts("qj-window", "received"));
        Assert.Equal(count, Facts("qj-notary", "received-by-others"));
        Assert.Equal(count, Facts("qj-notary", "opened"));
        Assert.Equal(Cases(1) + Cases(2) + Cases(3), Facts("qj-window", "forwarded"));
        Assert.Equal(Cases(2), Facts("qj-notary", "accepted"));
        Assert.Equal(Cases(3), Facts("qj-notary", "withdrawn"));
        Assert.Equal(Cases(4), Facts("qj-window", "not-accepted"));
        Assert.Equal(Cases(3) + Cases(4), Facts("qj-notary", "closed"));
        Assert.Equal(count, dump.Count(l => l.StartsWith("leg ", StringComparison.Ordinal)));
        var worklist = await store.WorklistAsync("qj-notary");
        Assert.Equal(Cases(1) + Cases(2), worklist.Legs.Count); // forwarded or accepted; not the withdrawn ones
    }

    [Fact]
    public async Task Rows_follow_the_cases_and_a_rebuild_gives_the_same_tables()
    {
        await using var node = await Node.StartAsync(_dir, Monday);
        await RowsFollowAndRebuildMatches(node);
    }

    /// <summary>The same on PostgreSQL, in a database of its own (KUASHENG_TEST_PG: a connection string whose user may
    /// create databases).</summary>
    [PostgresFact]
    public async Task On_postgresql_rows_follow_the_cases_and_a_rebuild_gives_the_same_tables()
    {
        var connectionString = await PostgresFactAttribute.FreshDatabaseAsync("ks_projection_");
        await using var node = await Node.StartAsync(_dir, Monday, connectionString, DatabaseKind.PostgreSql);
        await RowsFollowAndRebuildMatches(node);
    }

    private static async Task RowsFollowAndRebuildMatches(Node node)
    {
        for (var i = 0; i < 25; i++) await Drive(node, i);
        var status = await CaughtUp(node);
        Assert.Equal(0, status.EventsBehind);
        await AssertRowsMatchCases(node, 25);

        var store = node.Services.GetRequiredService<CaseReadModelStore>();
        var search = await store.SearchAsync(new CaseSearch(Units: ["qj-notary"], Status: "accepted"));
        Assert.Equal(5, search.Total);
        Assert.Empty((await store.SearchAsync(new CaseSearch(Units: ["no-such-unit"]))).Items);
        // The export's reading: every matching row, whatever the page size, in the pages' order, with the same filters.
        var pages = new List<CaseSummaryRow>();
        for (var page = 1; page <= 3; page++) pages.AddRange((await store.SearchAsync(new CaseSearch(Page: page, PageSize: 10))).Items);
        Assert.Equal(pages.Select(r => r.CaseId), (await All(store.SearchAllAsync(new CaseSearch(PageSize: 10)))).Select(r => r.CaseId));
        Assert.Equal(5, (await All(store.SearchAllAsync(new CaseSearch(Units: ["qj-notary"], Status: "accepted")))).Count);
        Assert.Empty(await All(store.SearchAllAsync(new CaseSearch(Units: ["no-such-unit"]))));

        var incremental = await store.DumpAsync();
        var started = await node.Region<CaseProjectionKey>().Ask<ProjectionRebuildStarted>(new RebuildProjection(), Timeout);
        Assert.Equal(CaseReadModelStore.ProjectionName, started.Name);
        status = await CaughtUp(node);
        Assert.Equal(0, status.EventsBehind);
        Assert.Equal(incremental, await store.DumpAsync());
    }

    /// <summary>Case events go to the journal untagged (a command's events are one multi-row insert, no tag rows) and
    /// the case projection follows them by persistence id; ticket events keep their tag.</summary>
    [Fact]
    public async Task Case_events_are_written_without_tag_rows_and_projected_by_persistence_id()
    {
        await using (var node = await Node.StartAsync(_dir, Monday))
        {
            for (var i = 0; i < 10; i++) await Drive(node, i);
            var status = await CaughtUp(node);
            Assert.Equal(0, status.EventsBehind);
            await AssertRowsMatchCases(node, 10);
        }
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new KuaShengOptions { DataDir = _dir }.SqliteConnectionString());
        await connection.OpenAsync();
        long Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.True(Scalar("SELECT COUNT(*) FROM event_journal WHERE persistence_id LIKE 'case-%'") > 10);
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM tags t JOIN event_journal e ON e.ordering = t.ordering_id WHERE e.persistence_id LIKE 'case-%'"));
    }

    [Fact]
    public async Task A_node_stopped_while_projecting_a_burst_resumes_without_skipping_or_counting_twice()
    {
        const int count = 300;
        ProjectionStatus atStop;
        await using (var node = await Node.StartAsync(_dir, Monday))
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(i => Drive(node, i)));
            atStop = await Status(node);
        }
        output.WriteLine($"at stop: offset {atStop.Offset}, {atStop.EventsBehind} events behind");

        await using (var node = await Node.StartAsync(_dir, Monday))
        {
            var status = await CaughtUp(node);
            Assert.Equal(0, status.EventsBehind);
            await AssertRowsMatchCases(node, count);
        }
    }

    /// <summary>An upgrade: the tables were written by an older version of the projection (here: version 1, before
    /// the ledger facts). The node finds the version at start, empties the tables and projects from zero.</summary>
    [Fact]
    public async Task Tables_written_by_an_older_version_are_rebuilt_at_start()
    {
        IReadOnlyList<string> current;
        await using (var node = await Node.StartAsync(_dir, Monday))
        {
            for (var i = 0; i < 10; i++) await Drive(node, i);
            await CaughtUp(node);
            current = await node.Services.GetRequiredService<CaseReadModelStore>().DumpAsync();
        }
        Assert.Contains(current, l => l.StartsWith("fact ", StringComparison.Ordinal));
        await TamperAsync("UPDATE projection_versions SET version = 1 WHERE name = 'case-summaries'; DELETE FROM case_ledger_facts;");

        await using (var node = await Node.StartAsync(_dir, Monday))
        {
            var status = await CaughtUp(node);
            Assert.Equal(0, status.EventsBehind);
            Assert.Equal(current, await node.Services.GetRequiredService<CaseReadModelStore>().DumpAsync());
        }
    }

    /// <summary>A read model whose offset is past the journal's last event (the journal restored from an older backup,
    /// or both files cut back by a power loss with the read models' file keeping more): the orderings after the journal's
    /// end will be given to new events, which the projection would pass over. The node rebuilds it at start.</summary>
    [Fact]
    public async Task A_read_model_ahead_of_the_journal_is_rebuilt_at_start()
    {
        IReadOnlyList<string> current;
        await using (var node = await Node.StartAsync(_dir, Monday))
        {
            for (var i = 0; i < 10; i++) await Drive(node, i);
            await CaughtUp(node);
            current = await node.Services.GetRequiredService<CaseReadModelStore>().DumpAsync();
        }
        await TamperAsync("""UPDATE projection_offsets SET "offset" = "offset" + 1000 WHERE name = 'case-summaries'; DELETE FROM case_ledger_facts;""");

        await using (var node = await Node.StartAsync(_dir, Monday))
        {
            var status = await CaughtUp(node);
            Assert.True(status.Offset < 1000, $"offset {status.Offset}: the projection kept its offset past the journal's end");
            Assert.Equal(current, await node.Services.GetRequiredService<CaseReadModelStore>().DumpAsync());
        }
    }

    /// <summary>The read models are written to a file of their own beside the journal's (kuasheng.readmodel.db: WAL,
    /// synced at checkpoints, its batches committed with their offsets), so a projection never holds or waits for the
    /// journal file's one write lock; the journal's file keeps FULL syncs and holds no read-model table.</summary>
    [Fact]
    public async Task Read_models_are_written_to_a_file_of_their_own()
    {
        var options = new KuaShengOptions { DataDir = _dir };
        await using (var node = await Node.StartAsync(_dir, Monday))
        {
            for (var i = 0; i < 3; i++) await Drive(node, i);
            await CaughtUp(node);
            await AssertRowsMatchCases(node, 3);
            Assert.Equal(1L, await PragmaAsync(options.SqliteReadModelConnectionString(), "synchronous")); // NORMAL
            Assert.Equal(2L, await PragmaAsync(options.SqliteConnectionString(), "synchronous")); // FULL
        }
        Assert.Equal(Path.Combine(_dir, "kuasheng.readmodel.db"),
            new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.SqliteReadModelConnectionString()).DataSource);
        Assert.Equal("wal", await PragmaAsync(options.SqliteReadModelConnectionString(), "journal_mode"));
        string[] readModelTables = ["case_summaries", "case_units", "case_ledger_facts", "ticket_summaries", "projection_offsets"];
        var inJournal = await TablesAsync(options.SqliteConnectionString());
        var inReadModel = await TablesAsync(options.SqliteReadModelConnectionString());
        Assert.Contains("event_journal", inJournal);
        Assert.DoesNotContain("event_journal", inReadModel);
        Assert.All(readModelTables, t => Assert.DoesNotContain(t, inJournal));
        Assert.All(readModelTables, t => Assert.Contains(t, inReadModel));
    }

    /// <summary>Runs statements on the node's read-model file (no node running).</summary>
    private async Task TamperAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new KuaShengOptions { DataDir = _dir }.SqliteReadModelConnectionString());
        await connection.OpenAsync();
        await using var tamper = connection.CreateCommand();
        tamper.CommandText = sql;
        await tamper.ExecuteNonQueryAsync();
    }

    /// <summary>A pragma's value on a connection opened as the node's stores open theirs.</summary>
    private static async Task<object> PragmaAsync(string connectionString, string pragma)
    {
        await using var connection = await NodeDatabase.OpenAsync(DatabaseKind.Sqlite, connectionString, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return (await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> TablesAsync(string connectionString)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }
}

/// <summary>Runs only when KUASHENG_TEST_PG holds a PostgreSQL connection string.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "KUASHENG_TEST_PG";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))) Skip = $"set {Variable} to a PostgreSQL connection string";
    }

    /// <summary>A new, empty database on the server of <see cref="Variable"/> (its user may create databases); answers
    /// its connection string.</summary>
    public static async Task<string> FreshDatabaseAsync(string prefix)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(Variable));
        var database = prefix + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE {database}";
            await create.ExecuteNonQueryAsync();
        }
        builder.Database = database;
        return builder.ConnectionString;
    }
}

public sealed class ProjectionPollIntervalTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task The_poll_interval_of_the_options_reaches_the_read_journal_and_the_runner()
    {
        await using var node = await Node.StartAsync(_dir, NodeCases.Monday, configure: o => o.ProjectionPollInterval = TimeSpan.FromMilliseconds(75));
        var query = node.System.Settings.Config.GetConfig("akka.persistence.query.journal.sql");
        Assert.Equal(TimeSpan.FromMilliseconds(75), query.GetTimeSpan("refresh-interval"));
        Assert.Equal(TimeSpan.FromMilliseconds(75), query.GetTimeSpan("journal-sequence-retrieval.query-delay"));
        Assert.Equal(TimeSpan.FromMilliseconds(75), ProjectionSettings.For(new KuaShengOptions { ProjectionPollInterval = TimeSpan.FromMilliseconds(75) }).BatchWindow);
    }
}
