using System.Data.Common;
using Npgsql;

namespace KuaSheng.Actors.Hosting;

/// <summary>Creates a store's tables once per process (<c>CREATE ... IF NOT EXISTS</c>), however many callers race to
/// be first. The script runs in one transaction; on PostgreSQL under an advisory lock shared by every schema script,
/// because two <c>CREATE TABLE IF NOT EXISTS</c> of one name at the same instant (two stores sharing
/// <c>projection_offsets</c>, or two nodes) make the loser fail on <c>pg_type</c>'s unique index and abort the rest
/// of its script. A failure leaves the schema not ready, so the next call runs the script again.
/// <paramref name="migrate"/>, when given, runs after the script in the same transaction (e.g. a column added to a
/// table an older version created: SQLite has no <c>ADD COLUMN IF NOT EXISTS</c>).</summary>
public sealed class TableSchema(string ddl, Func<CancellationToken, Task<DbConnection>> open,
    Func<DbConnection, DbTransaction, CancellationToken, Task>? migrate = null)
{
    /// <summary>The advisory lock key every KuaSheng schema script takes on PostgreSQL ("KSSCHEMA" in ASCII).</summary>
    private const long PostgresLockKey = 0x4B53_5343_4845_4D41;

    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile bool _ready;

    public async Task EnsureAsync(CancellationToken ct)
    {
        if (_ready) return;
        await _lock.WaitAsync(ct);
        try
        {
            if (_ready) return;
            await using var connection = await open(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            if (connection is NpgsqlConnection)
            {
                await using var lockCommand = connection.CreateCommand();
                lockCommand.Transaction = tx;
                lockCommand.CommandText = $"SELECT pg_advisory_xact_lock({PostgresLockKey})";
                await lockCommand.ExecuteNonQueryAsync(ct);
            }
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = ddl;
            await command.ExecuteNonQueryAsync(ct);
            if (migrate is not null) await migrate(connection, tx, ct);
            await tx.CommitAsync(ct);
            _ready = true;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Adds a nullable column to a table if it lacks it, on PostgreSQL or SQLite.</summary>
    public static async Task AddColumnIfMissing(DbConnection connection, DbTransaction tx, string table, string column, string type,
        CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        if (connection is NpgsqlConnection)
        {
            command.CommandText = $"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {type} NULL";
            await command.ExecuteNonQueryAsync(ct);
            return;
        }
        command.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0) return;
        command.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {type} NULL";
        await command.ExecuteNonQueryAsync(ct);
    }
}
