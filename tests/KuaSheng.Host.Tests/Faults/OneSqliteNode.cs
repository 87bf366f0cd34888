using System.Data.Common;
using KuaSheng.Actors.Hosting;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace KuaSheng.Host.Tests.Faults;

/// <summary>One node as a separate process on its embedded SQLite files (the product's single-node default), in a data
/// folder kept across its restarts on the same ports, as a supervisor restarts a service.</summary>
internal sealed class OneSqliteNode : IFaultTarget, IAsyncDisposable
{
    private readonly TempFolder _data = new();
    private readonly (int Http, int Akka) _ports = (FreePort.Next(), FreePort.Next());
    private readonly List<ChildNode> _finished = [];
    private readonly ITestOutputHelper _output;
    private readonly KuaShengOptions _files;

    private OneSqliteNode(ITestOutputHelper output)
    {
        _output = output;
        _files = new KuaShengOptions { DataDir = _data.Path };
        Apis = [new NodeApi($"http://127.0.0.1:{_ports.Http}")];
    }

    public NodeApi[] Apis { get; }
    public string OperatorToken { get; private set; } = "";
    public ChildNode Node { get; private set; } = null!;

    public static async Task<OneSqliteNode> StartAsync(ITestOutputHelper output)
    {
        var node = new OneSqliteNode(output);
        try
        {
            await node.LaunchAsync();
            node.OperatorToken = await node.Apis[0].Token(new { role = "operator" });
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
        return node;
    }

    /// <summary>Starts the node again on its folder and ports (after it was killed) and waits until it is ready.</summary>
    public async Task RestartAsync()
    {
        if (!Node.HasExited) throw new InvalidOperationException("the node still runs");
        _finished.Add(Node);
        await LaunchAsync();
    }

    private async Task LaunchAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["KuaSheng__Logging__Level"] = Environment.GetEnvironmentVariable("KUASHENG_TEST_NODE_LEVEL") is { Length: > 0 } level ? level : "Warning",
        };
        Node = new ChildNode(environment, dataDirectory: _data.Path, httpPort: _ports.Http, akkaPort: _ports.Akka);
        await Node.WaitReadyAsync();
    }

    public Task<DbConnection> OpenJournalAsync() => OpenAsync(_files.SqliteConnectionString());

    public Task<DbConnection> OpenReadModelAsync() => OpenAsync(_files.SqliteReadModelConnectionString());

    private static async Task<DbConnection> OpenAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var node in _finished.Append(Node).OfType<ChildNode>())
        {
            if (!node.HasExited) _output.WriteLine($"--- node on port {node.HttpPort}, last output:\n{node.Tail(1500)}");
            node.Dispose();
        }
        SqliteConnection.ClearAllPools();
        _data.Dispose();
        return ValueTask.CompletedTask;
    }
}
