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
}
