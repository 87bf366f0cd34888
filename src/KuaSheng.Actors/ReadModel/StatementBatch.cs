using System.Data.Common;

namespace KuaSheng.Actors.ReadModel;

/// <summary>
/// The writes of one projection batch, sent together before its commit. On PostgreSQL they go as one
/// <see cref="DbBatch"/>: a batch of 500 events makes a few thousand statements, and one network round trip each
/// capped the projection at ~1,600 events/s on loopback (docs/benchmarks.md, session 3). SQLite runs in process
/// (no round trip to save; Microsoft.Data.Sqlite has no DbBatch): one by one, with one command per distinct statement
/// text, so each text is prepared once per batch instead of once per row (Microsoft.Data.Sqlite keeps a command's
/// prepared statements until its text changes).
/// </summary>
public sealed class StatementBatch(DbConnection connection, DbTransaction tx)
{
    private readonly List<(string Sql, Action<DbCommand> Parameters)> _statements = [];

    public int Count => _statements.Count;

    public void Add(string sql, Action<DbCommand> parameters) => _statements.Add((sql, parameters));

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_statements.Count == 0) return;
        if (connection.CanCreateBatch) await SendAsBatchAsync(ct);
        else await SendOneByOneAsync(ct);
        _statements.Clear();
    }

    private async Task SendOneByOneAsync(CancellationToken ct)
    {
        var commands = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        try
        {
            foreach (var (sql, parameters) in _statements)
            {
                if (commands.TryGetValue(sql, out var command)) command.Parameters.Clear();
                else
                {
                    command = connection.CreateCommand();
                    command.Transaction = tx;
                    command.CommandText = sql;
                    commands.Add(sql, command);
                }
                parameters(command);
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            foreach (var command in commands.Values) await command.DisposeAsync();
        }
    }

    private async Task SendAsBatchAsync(CancellationToken ct)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = tx;
        await using var scratch = connection.CreateCommand();
        foreach (var (sql, parameters) in _statements)
        {
            // The parameter setters are written for commands: fill a scratch command, then move its parameters over.
            parameters(scratch);
            var statement = batch.CreateBatchCommand();
            statement.CommandText = sql;
            var filled = scratch.Parameters.Cast<DbParameter>().ToArray();
            scratch.Parameters.Clear();
            foreach (var parameter in filled) statement.Parameters.Add(parameter);
            batch.BatchCommands.Add(statement);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }
}
