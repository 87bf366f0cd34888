using System.Data.Common;
using Npgsql;

namespace KuaSheng.Actors.Hosting;

/// <summary>Creates a store's tables once per process (<c>CREATE ... IF NOT EXISTS</c>), however many callers race to
/// be first; on PostgreSQL another node may create them at the same instant, which is not an error.</summary>
public sealed class TableSchema(string ddl, Func<CancellationToken, Task<DbConnection>> open)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile bool _ready;

    public async Task EnsureAsync(CancellationToken ct)
    {
        if (_ready) return;
        await _lock.WaitAsync(ct);
        try
        {
            if (_ready) return;
            try
            {
                await using var connection = await open(ct);
                await using var command = connection.CreateCommand();
                command.CommandText = ddl;
                await command.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
            {
                // Another node created the tables at the same instant.
            }
            _ready = true;
        }
        finally
        {
            _lock.Release();
        }
    }
}
