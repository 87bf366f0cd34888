using Npgsql;

namespace KuaSheng.Host.Tests;

/// <summary>Runs only when KUASHENG_TEST_PG holds a PostgreSQL connection string (ops/test.sh starts one).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "KUASHENG_TEST_PG";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable(Variable))) Skip = $"set {Variable} to a PostgreSQL connection string";
    }

    /// <summary>A new, empty database on the test server; its connection string.</summary>
    public static async Task<string> FreshDatabaseAsync(string prefix)
    {
        var server = new NpgsqlConnectionStringBuilder(System.Environment.GetEnvironmentVariable(Variable));
        var name = prefix + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name}";
            await create.ExecuteNonQueryAsync();
        }
        server.Database = name;
        return server.ConnectionString;
    }
}
