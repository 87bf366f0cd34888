using System.Text;
using KuaSheng.Actors.Time;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Api.Tests.Fuzz;

/// <summary>What a request could have changed, read from the node's SQLite file and its clock: the journal's highest
/// ordering and row count (every case, unit, item, waybill, ticket and calendar change is an event), the row count of
/// every other table (snapshots, tags, read models), the projections' offsets, and whether the dev clock is set.
/// Two tables hold records of refused requests by design and are counted apart: <c>api_idempotency</c> (a refusal is an
/// answer kept for its key, API.md "Idempotency") and <c>public_code_failures</c> (a wrong query code is what the
/// per-case lockout counts, issue 13.2).</summary>
public sealed record StateDigest(string Core, long IdempotencyRows, long CodeFailureRows)
{
    public static readonly string[] RefusalRecordTables = ["api_idempotency", "public_code_failures"];
}

public sealed class StateProbe(string databaseFile, AdjustableClock clock)
{
    private readonly string _connection = new SqliteConnectionStringBuilder
    {
        DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = true, DefaultTimeout = 10,
    }.ToString();

    public StateDigest Take()
    {
        using var db = new SqliteConnection(_connection);
        db.Open();
        var core = new StringBuilder();
        long idempotency = 0, failures = 0;
        var tables = Strings(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        foreach (var table in tables)
        {
            var count = Scalar(db, $"SELECT count(*) FROM \"{table}\"");
            if (table == "api_idempotency") { idempotency = count; continue; }
            if (table == "public_code_failures") { failures = count; continue; }
            core.Append(table).Append('=').Append(count).Append(';');
        }
        if (tables.Contains("event_journal")) core.Append("journal-max=").Append(Scalar(db, "SELECT coalesce(max(ordering), 0) FROM event_journal")).Append(';');
        if (tables.Contains("projection_offsets"))
            core.Append("offsets=").AppendJoin(',', Strings(db, "SELECT name || ':' || \"offset\" FROM projection_offsets ORDER BY name")).Append(';');
        if (tables.Contains("projection_versions"))
            core.Append("versions=").AppendJoin(',', Strings(db, "SELECT name || ':' || version FROM projection_versions ORDER BY name")).Append(';');
        core.Append("clock-set=").Append(clock.IsSet);
        return new StateDigest(core.ToString(), idempotency, failures);
    }

    /// <summary>Waits until nothing moves any more: the read models caught up (<paramref name="caughtUp"/>: no events
    /// behind) and the digest the same on three reads 60 ms apart, at most <paramref name="max"/>.</summary>
    public async Task<StateDigest> Quiet(TimeSpan max, Func<Task<bool>> caughtUp)
    {
        var until = DateTime.UtcNow + max;
        var last = Take();
        var same = 0;
        while (DateTime.UtcNow < until)
        {
            await Task.Delay(60);
            var next = Take();
            same = next == last ? same + 1 : 0;
            last = next;
            if (same >= 2 && await caughtUp()) break;
        }
        return last;
    }

    private static long Scalar(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> Strings(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read()) list.Add(reader.GetString(0));
        return list;
    }
}
