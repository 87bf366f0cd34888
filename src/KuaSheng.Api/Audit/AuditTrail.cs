using System.Data.Common;
using KuaSheng.Actors.Hosting;
using KuaSheng.Api.Infrastructure;

namespace KuaSheng.Api.Audit;

/// <summary>What <c>GET /admin/audit</c> asks for: records in [<see cref="From"/>, <see cref="To"/>), of one subject if
/// given, older than the cursor's record if given, at most <see cref="Limit"/>.</summary>
public sealed record AuditQuery(DateTimeOffset From, DateTimeOffset To, string? Subject, int Limit, AuditCursor? After);

/// <summary>
/// The audit trail, table <c>audit_log</c> in the node's own database (the SQLite file of a single node, the cluster's
/// PostgreSQL: every node writes and reads the same table). Rows are only appended; nothing in the service updates or
/// deletes them (retention is the operator's: <c>DELETE FROM audit_log WHERE at_ms &lt; ...</c>).
/// </summary>
public sealed class AuditTrail : IAsyncDisposable
{
    public const string Table = "audit_log";

    private const string Columns = "at_ms, subject, role, unit, operation, target, client_address, status, problem_code, node";

    private readonly NodeTables _tables;
    private readonly TableSchema _schema;
    private readonly string? _node;

    public AuditTrail(NodeTables tables, string? node)
    {
        _tables = tables;
        _node = node;
        var id = tables.Database == DatabaseKind.PostgreSql ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
        _schema = new TableSchema($"""
            CREATE TABLE IF NOT EXISTS {Table} (
                id             {id},
                at_ms          BIGINT  NOT NULL,
                subject        TEXT    NULL,
                role           TEXT    NULL,
                unit           TEXT    NULL,
                operation      TEXT    NOT NULL,
                target         TEXT    NULL,
                client_address TEXT    NOT NULL,
                status         INTEGER NOT NULL,
                problem_code   TEXT    NULL,
                node           TEXT    NULL
            );
            CREATE INDEX IF NOT EXISTS {Table}_at ON {Table} (at_ms, id);
            CREATE INDEX IF NOT EXISTS {Table}_subject ON {Table} (subject, at_ms, id);
            """, tables.OpenAsync);
    }

    public static AuditTrail For(KuaShengOptions options) =>
        new(NodeTables.For(options), $"{options.Cluster.AddressHost}:{options.Cluster.Port}");

    /// <summary>Stores the records: on SQLite through the node's write queue (committed together with other writes), on
    /// PostgreSQL in one transaction.</summary>
    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        await _schema.EnsureAsync(ct);
        var sql = $"INSERT INTO {Table} ({Columns}) VALUES (@at, @subject, @role, @unit, @operation, @target, @client, @status, @code, @node)";
        if (_tables.Database == DatabaseKind.Sqlite)
        {
            foreach (var entry in entries) await _tables.ExecuteAsync(sql, c => Bind(c, entry), ct);
            return;
        }
        await using var connection = await _tables.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var entry in entries) await connection.ExecuteAsync(tx, sql, c => Bind(c, entry), ct);
        await tx.CommitAsync(ct);
    }

    private void Bind(DbCommand command, AuditEntry entry)
    {
        command.AddParameter("at", entry.At.ToUnixTimeMilliseconds());
        command.AddParameter("subject", entry.Subject, typeof(string));
        command.AddParameter("role", entry.Role, typeof(string));
        command.AddParameter("unit", entry.Unit, typeof(string));
        command.AddParameter("operation", entry.Operation);
        command.AddParameter("target", entry.Target, typeof(string));
        command.AddParameter("client", entry.ClientAddress);
        command.AddParameter("status", entry.Status);
        command.AddParameter("code", entry.ProblemCode, typeof(string));
        command.AddParameter("node", _node, typeof(string));
    }

    /// <summary>Records newest first; one more than asked for is read to know whether a next page exists.</summary>
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct)
    {
        await _schema.EnsureAsync(ct);
        await using var connection = await _tables.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var where = new List<string> { "at_ms >= @from", "at_ms < @to" };
        command.AddParameter("from", query.From.ToUnixTimeMilliseconds());
        command.AddParameter("to", query.To.ToUnixTimeMilliseconds());
        if (query.Subject is not null)
        {
            where.Add("subject = @subject");
            command.AddParameter("subject", query.Subject);
        }
        if (query.After is { } after)
        {
            where.Add("(at_ms < @cursor_at OR (at_ms = @cursor_at AND id < @cursor_id))");
            command.AddParameter("cursor_at", after.AtMs);
            command.AddParameter("cursor_id", after.Id);
        }
        command.CommandText = $"SELECT id, {Columns} FROM {Table} WHERE {string.Join(" AND ", where)} ORDER BY at_ms DESC, id DESC LIMIT @limit";
        command.AddParameter("limit", query.Limit + 1);
        var rows = new List<(long AtMs, AuditRecordView View)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var atMs = reader.GetInt64(1);
                rows.Add((atMs, new AuditRecordView(reader.GetInt64(0),
                    DateTimeOffset.FromUnixTimeMilliseconds(atMs).ToOffset(Domain.Cases.CaseContext.ChinaOffset),
                    Text(reader, 2), Text(reader, 3), Text(reader, 4), reader.GetString(5), Text(reader, 6), reader.GetString(7),
                    Convert.ToInt32(reader.GetValue(8), System.Globalization.CultureInfo.InvariantCulture), Text(reader, 9), Text(reader, 10))));
            }
        }
        var page = rows.Take(query.Limit).ToList();
        var next = rows.Count > query.Limit ? new AuditCursor(page[^1].AtMs, page[^1].View.Id).Encode() : null;
        return new AuditPage([.. page.Select(r => r.View)], next);
    }

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    public ValueTask DisposeAsync() => _tables.DisposeAsync();
}
