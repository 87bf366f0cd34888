using System.Data.Common;
using Npgsql;

namespace KuaSheng.Actors.Hosting;

/// <summary>
/// Fencing of a downed node's writes on PostgreSQL (隔离被下线节点的写入). A node frozen by SIGSTOP, a stalled VM or a
/// partition is downed and its entities start on the survivors; when it wakes it runs on for a moment before it learns
/// it was removed (<see cref="QuarantineWatcher"/>) and would write to cases that now live elsewhere (the fault suite saw
/// 1-22 journal rows after the wake, and a survivor then served a case without them). So every node connects with an
/// application name that names its address (<see cref="ConnectionString"/>), the survivors record a downed member's
/// address in <c>kuasheng_fenced_nodes</c> as soon as it is downed (before its shards move), and a trigger on the
/// journal and snapshot tables refuses any insert from a fenced address: the woken node's writes fail, its entities
/// answer "unavailable" and stop, and the client's retry goes to a survivor. A new incarnation on the same address
/// lifts its fence when it starts (<see cref="LiftAsync"/>), before it joins.
/// </summary>
public static class WriteFence
{
    public const string Table = "kuasheng_fenced_nodes";

    /// <summary>How a node is named in the fence: its Akka host and port.</summary>
    public static string NodeName(string host, int port) => $"{host}:{port}";

    /// <summary>The node's connection string with an application name ending in <c>@host:port</c> (a configured
    /// application name is kept before the <c>@</c>).</summary>
    public static string ConnectionString(string connectionString, string node)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = string.IsNullOrWhiteSpace(builder.ApplicationName) ? "kuasheng" : builder.ApplicationName;
        builder.ApplicationName = $"{name}@{node}";
        return builder.ConnectionString;
    }

    private const string Schema = $$"""
        CREATE TABLE IF NOT EXISTS {{Table}} (node TEXT PRIMARY KEY, fenced_at TIMESTAMPTZ NOT NULL DEFAULT now());
        CREATE OR REPLACE FUNCTION kuasheng_refuse_fenced_writes() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          IF EXISTS (SELECT 1 FROM {{Table}} f WHERE current_setting('application_name') LIKE '%@' || f.node) THEN
            RAISE EXCEPTION 'node % was downed by the cluster: its writes are fenced', current_setting('application_name')
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NULL;
        END $f$;
        DO $d$
        BEGIN
          IF to_regclass('event_journal') IS NOT NULL THEN
            CREATE OR REPLACE TRIGGER kuasheng_fence_journal BEFORE INSERT ON event_journal
              FOR EACH STATEMENT EXECUTE FUNCTION kuasheng_refuse_fenced_writes();
          END IF;
          IF to_regclass('snapshot_store') IS NOT NULL THEN
            CREATE OR REPLACE TRIGGER kuasheng_fence_snapshot BEFORE INSERT OR UPDATE ON snapshot_store
              FOR EACH STATEMENT EXECUTE FUNCTION kuasheng_refuse_fenced_writes();
          END IF;
        END $d$;
        """;

    /// <summary>Fences <paramref name="node"/>: from now on the journal refuses its inserts.</summary>
    public static async Task FenceAsync(string connectionString, string node, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, tx, Schema, null, ct);
        await ExecuteAsync(connection, tx, $"INSERT INTO {Table} (node) VALUES (@node) ON CONFLICT (node) DO UPDATE SET fenced_at = now()", node, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Lifts the fence of this node's address (a fresh incarnation starting), if there is one.</summary>
    public static async Task LiftAsync(string connectionString, string node, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, null, $"DO $d$ BEGIN IF to_regclass('{Table}') IS NOT NULL THEN DELETE FROM {Table} WHERE node = '{node.Replace("'", "''", StringComparison.Ordinal)}'; END IF; END $d$", null, ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, DbTransaction? tx, string sql, string? node, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = (NpgsqlTransaction?)tx;
        command.CommandText = sql;
        if (node is not null) command.Parameters.AddWithValue("node", node);
        await command.ExecuteNonQueryAsync(ct);
    }
}
