using System.Data.Common;
using KuaSheng.Actors.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KuaSheng.Host.Health;

/// <summary>Is the journal's database reachable: opens a connection and runs <c>select 1</c>, within a time limit.</summary>
public sealed class JournalProbe(KuaShengOptions options)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>Null when reachable, else a short reason.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        try
        {
            // SQLite's ADO.NET calls are synchronous underneath: run them off the request thread so the limit holds.
            var probe = Task.Run(() => SelectOneAsync(limit.Token), limit.Token);
            await probe.WaitAsync(Timeout, cancellationToken);
            return null;
        }
        catch (TimeoutException)
        {
            return $"journal database did not answer within {Timeout.TotalSeconds:0} s";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"journal database did not answer within {Timeout.TotalSeconds:0} s";
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or ArgumentException or IOException)
        {
            return $"journal database unreachable: {e.GetType().Name}";
        }
    }

    private async Task SelectOneAsync(CancellationToken cancellationToken)
    {
        await using var connection = Connect();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "select 1";
        command.CommandTimeout = (int)Timeout.TotalSeconds;
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private DbConnection Connect()
    {
        if (options.Database == DatabaseKind.PostgreSql)
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Timeout = (int)Timeout.TotalSeconds };
            return new NpgsqlConnection(builder.ConnectionString);
        }
        // ReadWrite, not ReadWriteCreate: a missing database file is not a reachable journal.
        var sqlite = new SqliteConnectionStringBuilder(options.SqliteConnectionString()) { Mode = SqliteOpenMode.ReadWrite };
        return new SqliteConnection(sqlite.ConnectionString);
    }
}
