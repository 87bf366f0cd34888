using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KuaSheng.Actors.Hosting;

/// <summary>Plain ADO.NET on the node's own database (SQLite or PostgreSQL), for the tables that are not the
/// journal: read models, idempotency records.</summary>
public static class NodeDatabase
{
    public static async Task<DbConnection> OpenAsync(DatabaseKind database, string connectionString, CancellationToken ct)
    {
        DbConnection connection = database == DatabaseKind.PostgreSql ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            if (database == DatabaseKind.Sqlite) await SqliteSetup.OnOpenedAsync(connection, SqliteSetup.Pragmas(connectionString), ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds <c>@name</c>; a null gets the given type, so PostgreSQL can tell what the NULL is.</summary>
    public static void AddParameter(this DbCommand command, string name, object? value, Type? nullType = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null && nullType == typeof(string)) parameter.DbType = System.Data.DbType.String;
        if (value is null && nullType == typeof(long)) parameter.DbType = System.Data.DbType.Int64;
        command.Parameters.Add(parameter);
    }

    /// <summary>Runs one statement (in <paramref name="tx"/> when given) and answers the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(this DbConnection connection, DbTransaction? tx, string sql, Action<DbCommand> parameters,
        CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        parameters(command);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The journal's tables do not exist yet: Akka.Persistence.Sql creates them with the first event.</summary>
    public static bool IsMissingTable(Exception e) =>
        e is SqliteException { SqliteErrorCode: 1 } sqlite && sqlite.Message.Contains("no such table", StringComparison.Ordinal)
        || e is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable };
}
