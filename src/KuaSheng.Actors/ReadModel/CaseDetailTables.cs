using System.Data.Common;
using System.Globalization;
using KuaSheng.Actors.Hosting;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;

namespace KuaSheng.Actors.ReadModel;

/// <summary>
/// The per-case detail tables of the case read model, written from each changed summary in the projection's
/// transaction (<see cref="CaseDetailRows"/>): <c>case_legs</c> (worklists), <c>case_deadlines</c> (worklists, overdue lists, and
/// the fold's own state: which unit a missed deadline belongs to) and <c>case_mailings</c> (the fold's state: who
/// sent a mailing and whether it was signed). Dates as <c>YYYY-MM-DD</c>, times as Unix milliseconds, enums kebab-case.
/// </summary>
internal static class CaseDetailTables
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS case_legs (
            case_id   TEXT    NOT NULL,
            leg_id    TEXT    NOT NULL,
            unit_id   TEXT    NOT NULL,
            item_code TEXT    NOT NULL,
            role      TEXT    NOT NULL,
            ord       INTEGER NOT NULL,
            status    TEXT    NOT NULL,
            PRIMARY KEY (case_id, leg_id)
        );
        CREATE INDEX IF NOT EXISTS case_legs_unit ON case_legs (unit_id, status);
        CREATE TABLE IF NOT EXISTS case_deadlines (
            case_id      TEXT    NOT NULL,
            deadline_id  TEXT    NOT NULL,
            step         TEXT    NOT NULL,
            leg_id       TEXT    NULL,
            unit_id      TEXT    NOT NULL,
            start        TEXT    NOT NULL,
            due          TEXT    NOT NULL,
            provisional  INTEGER NOT NULL,
            met_at       BIGINT  NULL,
            missed_at    BIGINT  NULL,
            cancelled_at BIGINT  NULL,
            PRIMARY KEY (case_id, deadline_id)
        );
        CREATE INDEX IF NOT EXISTS case_deadlines_unit ON case_deadlines (unit_id, due);
        CREATE TABLE IF NOT EXISTS case_mailings (
            case_id        TEXT NOT NULL,
            mailing_id     TEXT NOT NULL,
            purpose        TEXT NOT NULL,
            sender_unit_id TEXT NOT NULL,
            status         TEXT NOT NULL,
            PRIMARY KEY (case_id, mailing_id)
        );
        """;

    public const string DeleteAll = "DELETE FROM case_legs; DELETE FROM case_deadlines; DELETE FROM case_mailings;";

    internal const string DeadlineColumns =
        "d.case_id, d.deadline_id, d.step, d.leg_id, d.unit_id, d.start, d.due, d.provisional, d.met_at, d.missed_at, d.cancelled_at";

    /// <summary>Restores the deadlines and mailings of stored summaries (the legs come from their JSON column), all of
    /// a projection batch's cases in two queries per chunk of ids.</summary>
    public static async Task LoadIntoAsync(DbConnection connection, DbTransaction tx, Dictionary<string, (CaseSummary Summary, long Version)> rows,
        CancellationToken ct)
    {
        var deadlines = new Dictionary<string, List<Deadline>>(StringComparer.Ordinal);
        var mailings = new Dictionary<string, List<SummaryMailing>>(StringComparer.Ordinal);
        foreach (var ids in rows.Keys.Chunk(IdsPerQuery))
        {
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = tx;
                command.CommandText = $"SELECT {DeadlineColumns} FROM case_deadlines d WHERE d.case_id IN ({InList(command, ids)})";
                await using var r = await command.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                {
                    var (caseId, deadline) = ReadDeadline(r);
                    (deadlines.TryGetValue(caseId, out var list) ? list : deadlines[caseId] = []).Add(deadline);
                }
            }
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = tx;
                command.CommandText = $"SELECT case_id, mailing_id, purpose, sender_unit_id, status FROM case_mailings WHERE case_id IN ({InList(command, ids)})";
                await using var r = await command.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                    (mailings.TryGetValue(r.GetString(0), out var list) ? list : mailings[r.GetString(0)] = [])
                        .Add(new SummaryMailing(r.GetString(1), Parse<MailingPurpose>(r.GetString(2)), r.GetString(3), Parse<CarrierStatus>(r.GetString(4))));
            }
        }
        foreach (var (caseId, (summary, version)) in rows.ToList())
        {
            var caseDeadlines = deadlines.GetValueOrDefault(caseId) ?? [];
            // Deadline ids are dl1, dl2, …, mailing ids m1, m2, …: put them back in the order they were made.
            rows[caseId] = (summary with
            {
                Deadlines = [.. caseDeadlines.OrderBy(d => d.DeadlineId.Length).ThenBy(d => d.DeadlineId, StringComparer.Ordinal)],
                Mailings = [.. (mailings.GetValueOrDefault(caseId) ?? []).OrderBy(m => m.MailingId, StringComparer.Ordinal)],
                Units = summary.Units.Union(caseDeadlines.Select(d => d.UnitId)),
            }, version);
        }
    }

    private static readonly string OpenLegStatuses = string.Join(", ", UnitWork.OpenLegStatuses.Select(s => $"'{s.ToKebab()}'"));
    private static readonly string EndedCaseStatuses = string.Join(", ", UnitWork.EndedCaseStatuses.Select(s => $"'{s.ToKebab()}'"));

    /// <summary>Ids per <c>IN (...)</c> query: well under SQLite's limit of host parameters.</summary>
    public const int IdsPerQuery = 500;

    /// <summary>"@i0, @i1, …" with the ids added to the command as parameters.</summary>
    public static string InList(DbCommand command, IReadOnlyList<string> ids)
    {
        for (var i = 0; i < ids.Count; i++) command.AddParameter($"i{i}", ids[i]);
        return string.Join(", ", Enumerable.Range(0, ids.Count).Select(i => $"@i{i}"));
    }

    /// <summary>The legs that are a unit's work (<see cref="UnitWork"/>: forwarded or accepted, of a case that has not
    /// ended; a withdrawn case keeps its legs' last status), by case.</summary>
    public static async Task<IReadOnlyList<OpenLegRow>> OpenLegsAsync(DbConnection connection, string unitId, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT l.case_id, l.item_code, l.leg_id, l.role, l.status, s.case_number FROM case_legs l JOIN case_summaries s ON s.case_id = l.case_id " +
                              $"WHERE l.unit_id = @unit AND l.status IN ({OpenLegStatuses}) " +
                              $"AND s.status NOT IN ({EndedCaseStatuses}) ORDER BY l.case_id, l.leg_id";
        command.AddParameter("unit", unitId);
        var legs = new List<OpenLegRow>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            legs.Add(new OpenLegRow(r.GetString(0), r.GetString(1), r.GetString(2), Parse<LegRole>(r.GetString(3)), Parse<LegStatus>(r.GetString(4)),
                r.GetString(5)));
        return legs;
    }

    /// <summary>Open deadlines (not met, not cancelled), earliest first, with the case's number and item: of one unit
    /// or of all; <paramref name="dueBefore"/>: only those due before that day or already marked missed.</summary>
    public static async Task<IReadOnlyList<OpenDeadlineRow>> OpenDeadlinesAsync(DbConnection connection, string? unitId, DateOnly? dueBefore,
        CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        var where = "d.met_at IS NULL AND d.cancelled_at IS NULL";
        if (unitId is not null)
        {
            where += " AND d.unit_id = @unit";
            command.AddParameter("unit", unitId);
        }
        if (dueBefore is { } day)
        {
            where += " AND (d.due < @day OR d.missed_at IS NOT NULL)";
            command.AddParameter("day", Day(day));
        }
        command.CommandText = $"SELECT {DeadlineColumns}, s.case_number, s.item_code FROM case_deadlines d " +
                              $"JOIN case_summaries s ON s.case_id = d.case_id WHERE {where} ORDER BY d.due, d.case_id, d.deadline_id";
        var rows = new List<OpenDeadlineRow>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var (caseId, deadline) = ReadDeadline(r);
            rows.Add(new OpenDeadlineRow(caseId, r.GetString(11), r.GetString(12), deadline));
        }
        return rows;
    }

    /// <summary>Every row of the three tables as text, in a fixed order.</summary>
    public static async Task DumpAsync(DbConnection connection, List<string> lines, CancellationToken ct)
    {
        await ReadLines(connection, "SELECT case_id, leg_id, unit_id, item_code, role, ord, status FROM case_legs ORDER BY case_id, leg_id", "leg", lines, ct);
        await ReadLines(connection, "SELECT case_id, deadline_id, step, leg_id, unit_id, start, due, provisional, met_at, missed_at, cancelled_at " +
                                    "FROM case_deadlines ORDER BY case_id, deadline_id", "deadline", lines, ct);
        await ReadLines(connection, "SELECT case_id, mailing_id, purpose, sender_unit_id, status FROM case_mailings ORDER BY case_id, mailing_id",
            "mailing", lines, ct);
    }

    internal static async Task ReadLines(DbConnection connection, string sql, string prefix, List<string> lines, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            lines.Add(prefix + " " + string.Join(" | ", Enumerable.Range(0, r.FieldCount)
                .Select(i => r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))));
    }

    internal static (string CaseId, Deadline Deadline) ReadDeadline(DbDataReader r) => (r.GetString(0), new Deadline(
        r.GetString(1), Parse<DeadlineStep>(r.GetString(2)), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), Date(r, 5), Date(r, 6),
        Convert.ToInt32(r.GetValue(7), CultureInfo.InvariantCulture) != 0, Time(r, 8), Time(r, 9), Time(r, 10)));

    private static DateOnly Date(DbDataReader r, int i) => DateOnly.ParseExact(r.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i)).ToOffset(CaseContext.ChinaOffset);

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static T Parse<T>(string text) where T : struct, Enum =>
        Kebab.TryParse<T>(text, out var value) ? value : throw new InvalidOperationException($"Unknown {typeof(T).Name} '{text}' in the read model.");
}

/// <summary>An open leg at a unit (case_legs), with its case's number.</summary>
public sealed record OpenLegRow(string CaseId, string ItemCode, string LegId, LegRole Role, LegStatus Status, string CaseNumber);

/// <summary>An open deadline (case_deadlines) with its case's number and item.</summary>
public sealed record OpenDeadlineRow(string CaseId, string CaseNumber, string ItemCode, Deadline Deadline);
