using System.Diagnostics;
using Npgsql;

namespace KuaSheng.Host.Tests.Faults;

/// <summary>A PostgreSQL server of the fault suite's own, on a free port (<c>ops/postgres.sh</c> with <c>PGPORT</c>): the
/// database-outage fault stops and starts it without touching the server the other tests use (KUASHENG_TEST_PG).
/// Removed with its data on dispose.</summary>
internal sealed class OwnPostgres : IAsyncDisposable
{
    private readonly int _port = FreePort.Next();

    private OwnPostgres() { }

    public string ServerConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Timeout=3;Command Timeout=10";

    public static async Task<OwnPostgres> StartAsync()
    {
        var server = new OwnPostgres();
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again); returns once it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        await Script("start");
        NpgsqlConnection.ClearAllPools(); // this process's pooled connections were cut by the stop
    }

    /// <summary>Stops the server (pg_ctl -m fast: open connections are cut).</summary>
    public Task StopAsync() => Script("stop");

    /// <summary>A new, empty database on this server; its connection string.</summary>
    public async Task<string> FreshDatabaseAsync(string prefix)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name}";
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Timeout = 15, CommandTimeout = 30 }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Script("clean");
    }

    private async Task Script(string command)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = TestPaths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(TestPaths.RepositoryRoot, "ops", "postgres.sh"));
        start.ArgumentList.Add(command);
        start.Environment["PGPORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"ops/postgres.sh {command} (port {_port}) exited {process.ExitCode}: {await output}{await errors}");
    }
}
