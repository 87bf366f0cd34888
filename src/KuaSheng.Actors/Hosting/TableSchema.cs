using System.Data.Common;
using Npgsql;

namespace KuaSheng.Actors.Hosting;

/// <summary>Creates a store's tables once per process (<c>CREATE ... IF NOT EXISTS</c>), however many callers race to
/// be first. The script runs in one transaction; on PostgreSQL under an advisory lock shared by every schema script,
/// because two <c>CREATE TABLE IF NOT EXISTS</c> of one name at the same instant (two stores sharing
/// <c>projection_offsets</c>, or two nodes) make the loser fail on <c>pg_type</c>'s unique index and abort the rest
/// of its script. A failure leaves the schema not ready, so the next call runs the script again.</summary>
public sealed class TableSchema(string ddl, Func<CancellationToken, Task<DbConnection>> open)
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
            await tx.CommitAsync(ct);
            _ready = true;
        }
        finally
        {
            _lock.Release();
        }
    }
}
