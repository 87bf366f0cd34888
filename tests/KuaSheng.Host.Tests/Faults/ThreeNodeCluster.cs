using System.Data.Common;
using System.Text.Json.Nodes;
using Npgsql;
using Xunit.Abstractions;

namespace KuaSheng.Host.Tests.Faults;

/// <summary>Three nodes as separate processes on one PostgreSQL database, each seeded with all three addresses. A node
/// can be killed, frozen, stopped and started again on its own ports (as a supervisor restarts a service). Each start is
/// an incarnation with its own PostgreSQL application name (<c>node{i}-{n}</c>), which the journal's write log records
/// (<see cref="InstallWriteLogAsync"/>).</summary>
internal sealed class ThreeNodeCluster : IFaultTarget, IAsyncDisposable
{
    public const int Size = 3;
    private static readonly TimeSpan Liveness = TimeSpan.FromSeconds(90);

    private readonly (int Http, int Akka)[] _ports = Enumerable.Range(0, Size).Select(_ => (FreePort.Next(), FreePort.Next())).ToArray();
    private readonly ChildNode?[] _nodes = new ChildNode?[Size];
    private readonly int[] _incarnations = new int[Size];
    private readonly List<ChildNode> _finished = [];
    private readonly ITestOutputHelper _output;

    private ThreeNodeCluster(string database, ITestOutputHelper output)
    {
        Database = database;
        _output = output;
        Seeds = _ports.Select(p => $"akka.tcp://kuasheng@127.0.0.1:{p.Akka}").ToArray();
        Apis = _ports.Select(p => new NodeApi($"http://127.0.0.1:{p.Http}")).ToArray();
    }

    public string Database { get; }
    public string[] Seeds { get; }
    public NodeApi[] Apis { get; }
    public string OperatorToken { get; private set; } = "";

    /// <summary>Starts node 0, then the two others, and waits until all three are up members.</summary>
    public static async Task<ThreeNodeCluster> StartAsync(string database, ITestOutputHelper output)
    {
        var cluster = new ThreeNodeCluster(database, output);
        try
        {
            cluster.Launch(0);
            await cluster._nodes[0]!.WaitReadyAsync();
            for (var i = 1; i < Size; i++) cluster.Launch(i);
            for (var i = 1; i < Size; i++) await cluster._nodes[i]!.WaitReadyAsync();
            cluster.OperatorToken = await cluster.Apis[0].Token(new { role = "operator" });
            await cluster.WaitMembersUpAsync(Size, "three members up");
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    public Task<DbConnection> OpenJournalAsync() => OpenAsync();

    /// <summary>On PostgreSQL the read models are in the journal's database.</summary>
    public Task<DbConnection> OpenReadModelAsync() => OpenAsync();

    private async Task<DbConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        return connection;
    }

    public ChildNode Node(int i) => _nodes[i] ?? throw new InvalidOperationException($"node {i} is not running");

    /// <summary>The application name of node <paramref name="i"/>'s current incarnation.</summary>
    public string Incarnation(int i) => $"node{i}-{_incarnations[i]}";

    /// <summary>Starts node <paramref name="i"/> again on its ports (after it was killed or exited) and waits until it is
    /// ready and all three are up members.</summary>
    public async Task RestartAsync(int i)
    {
        if (_nodes[i] is { } old)
        {
            if (!old.HasExited) throw new InvalidOperationException($"node {i} still runs");
            _finished.Add(old);
        }
        Launch(i);
        await Node(i).WaitReadyAsync();
        await WaitMembersUpAsync(Size, $"node {i} up again");
    }

    /// <summary>Waits until a running node other than the ones in <paramref name="except"/> sees <paramref name="count"/>
    /// up members.</summary>
    public async Task WaitMembersUpAsync(int count, string what, params int[] except)
    {
        var until = DateTime.UtcNow + Liveness;
        while (true)
        {
            foreach (var i in Enumerable.Range(0, Size).Where(i => !except.Contains(i) && _nodes[i] is { HasExited: false }))
            {
                var members = (await Apis[i].Send(HttpMethod.Get, "/admin/cluster", OperatorToken, timeout: TimeSpan.FromSeconds(5))).Body?["members"]?.AsArray();
                if (members?.Count(m => m!["status"]!.GetValue<string>() == "up") == count && members.Count == count) return;
            }
            Assert.True(DateTime.UtcNow < until, $"not within {Liveness.TotalSeconds} s: {what}");
            await Task.Delay(250);
        }
    }

    /// <summary>Which node hosts the case (its Akka address's index), or null when no node answers.</summary>
    public async Task<int?> HostOfAsync(string caseId, int via)
    {
        var answer = await Apis[via].Send(HttpMethod.Get, $"/admin/entities/case/{caseId}", OperatorToken, timeout: TimeSpan.FromSeconds(5));
        var address = (answer.Body as JsonObject)?["address"]?.GetValue<string>();
        var index = Array.IndexOf(Seeds, address);
        return index >= 0 ? index : null;
    }

    /// <summary>A trigger on the event journal that logs, for every row, the application name of the connection that
    /// wrote it and the time (table <c>fault_journal_writes</c>): which incarnation of which node wrote what, when.</summary>
    public async Task InstallWriteLogAsync()
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS fault_journal_writes (persistence_id TEXT NOT NULL, sequence_nr BIGINT NOT NULL,
                writer TEXT NOT NULL, written_at TIMESTAMPTZ NOT NULL);
            CREATE OR REPLACE FUNCTION fault_log_journal_write() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO fault_journal_writes VALUES (NEW.persistence_id, NEW.sequence_nr, current_setting('application_name'), clock_timestamp());
              RETURN NEW;
            END $$;
            DROP TRIGGER IF EXISTS fault_log_journal_write ON event_journal;
            CREATE TRIGGER fault_log_journal_write AFTER INSERT ON event_journal FOR EACH ROW EXECUTE FUNCTION fault_log_journal_write();
            """;
        await command.ExecuteNonQueryAsync();
    }

    private void Launch(int i)
    {
        _incarnations[i]++;
        var database = new NpgsqlConnectionStringBuilder(Database) { ApplicationName = Incarnation(i) }.ConnectionString;
        var environment = new Dictionary<string, string>
        {
            ["KuaSheng__Database"] = "PostgreSql",
            ["KuaSheng__ConnectionString"] = database,
            // KUASHENG_TEST_NODE_LEVEL=Information (with KUASHENG_TEST_NODE_LOGS) to read a fault's timeline afterwards.
            ["KuaSheng__Logging__Level"] = Environment.GetEnvironmentVariable("KUASHENG_TEST_NODE_LEVEL") is { Length: > 0 } level ? level : "Warning",
        };
        for (var s = 0; s < Size; s++) environment[$"KuaSheng__Cluster__Seeds__{s}"] = Seeds[s];
        _nodes[i] = new ChildNode(environment, httpPort: _ports[i].Http, akkaPort: _ports[i].Akka);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var node in _finished.Concat(_nodes.OfType<ChildNode>()))
        {
            if (!node.HasExited) _output.WriteLine($"--- node on port {node.HttpPort}, last output:\n{node.Tail(1500)}");
            node.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
