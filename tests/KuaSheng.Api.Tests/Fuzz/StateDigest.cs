using System.Text;
using KuaSheng.Actors.Time;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Api.Tests.Fuzz;

/// <summary>What a request could have changed, read from the node's SQLite files (the journal's and the read models') and
/// its clock. <see cref="Core"/>: the
/// journal's highest ordering and row count (every case, unit, item, waybill, ticket and calendar change is an event),
/// the row count of every other table (snapshots, tags, and any table added later), and whether the dev clock is set.
/// <see cref="ReadModel"/>: the row counts of the read models, the projections' offsets and the versions of the code that
/// wrote them (a projection's row appears with its first batch, whenever its singleton starts), which follow the journal
/// on their own schedule (every 100 ms) and are compared only to know when the node is quiet: the API writes them nowhere,
/// so a refusal that wrote no event and started no rebuild (an offset going back, <see cref="StateDigest.RebuiltSince"/>)
/// cannot change them.
/// Two tables hold records of refused requests by design and are counted apart: <c>api_idempotency</c> (a refusal is an
/// answer kept for its key, API.md "Idempotency") and <c>public_code_failures</c> (a wrong query code is what the
/// per-case lockout counts, issue 13.2). <c>audit_log</c> is left out: the audit trail records refused attempts by design
/// (issue 13.3), from a queue written after the answer, so its rows would be put down to the wrong request.</summary>
public sealed record StateDigest(string Core, string ReadModel, long IdempotencyRows, long CodeFailureRows)
{
    /// <summary>Tables the projections write (<c>case_*</c>, <c>ticket_*</c>, <c>projection_offsets</c>, <c>projection_versions</c>).</summary>
    public static bool IsReadModel(string table) =>
        table.StartsWith("case_", StringComparison.Ordinal) || table.StartsWith("ticket_", StringComparison.Ordinal)
        || table is "projection_offsets" or "projection_versions";

    /// <summary>The projections' offsets by name.</summary>
    public IReadOnlyDictionary<string, long> Offsets() =>
        ReadModel.Split(';').FirstOrDefault(p => p.StartsWith("offsets=", StringComparison.Ordinal)) is { } part
            ? part["offsets=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(o => o.Split(':'))
                .ToDictionary(o => o[0], o => long.Parse(o[1], System.Globalization.CultureInfo.InvariantCulture))
            : new Dictionary<string, long>();

    /// <summary>A projection went back (its offset fell or vanished): only a rebuild does that.</summary>
    public string? RebuiltSince(StateDigest before)
    {
        var now = Offsets();
        var went = before.Offsets().Where(o => !now.TryGetValue(o.Key, out var n) || n < o.Value).Select(o => o.Key).ToList();
        return went.Count == 0 ? null : $"projection offsets went back ({string.Join(", ", went)}): {before.ReadModel} -> {ReadModel}";
    }
}

/// <param name="databaseFiles">The node's SQLite files: every table of each is counted (a file not made yet is skipped).</param>
public sealed class StateProbe(IReadOnlyList<string> databaseFiles, AdjustableClock clock)
{
    private readonly IReadOnlyList<string> _connections = databaseFiles.Select(file => new SqliteConnectionStringBuilder
    {
        DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = true, DefaultTimeout = 10,
    }.ToString()).ToList();

    public StateDigest Take()
    {
        var core = new StringBuilder();
        var readModel = new StringBuilder();
        long idempotency = 0, failures = 0;
        foreach (var (connection, file) in _connections.Zip(databaseFiles))
        {
            if (!File.Exists(file)) continue;
            using var db = new SqliteConnection(connection);
            db.Open();
            var tables = Strings(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
            foreach (var table in tables)
            {
                var count = Scalar(db, $"SELECT count(*) FROM \"{table}\"");
                if (table == "api_idempotency") { idempotency = count; continue; }
                if (table == "public_code_failures") { failures = count; continue; }
                if (table == "audit_log") continue; // the audit trail records refused attempts by design (issue 13.3), written off the request path
                (StateDigest.IsReadModel(table) ? readModel : core).Append(table).Append('=').Append(count).Append(';');
            }
            if (tables.Contains("event_journal")) core.Append("journal-max=").Append(Scalar(db, "SELECT coalesce(max(ordering), 0) FROM event_journal")).Append(';');
            if (tables.Contains("projection_offsets"))
                readModel.Append("offsets=").AppendJoin(',', Strings(db, "SELECT name || ':' || \"offset\" FROM projection_offsets ORDER BY name")).Append(';');
            if (tables.Contains("projection_versions"))
                readModel.Append("versions=").AppendJoin(',', Strings(db, "SELECT name || ':' || version FROM projection_versions ORDER BY name")).Append(';');
        }
        core.Append("clock-set=").Append(clock.IsSet);
        return new StateDigest(core.ToString(), readModel.ToString(), idempotency, failures);
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
