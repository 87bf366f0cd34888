using System.Data.Common;
using System.Globalization;
using KuaSheng.Actors.Hosting;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Ledger;

namespace KuaSheng.Actors.ReadModel;

/// <summary>Cases counted by status and by handling mode (监管看板), over every case of the read model.</summary>
public sealed record CaseCounts(IReadOnlyDictionary<CaseStatus, long> ByStatus, IReadOnlyDictionary<Domain.Catalogue.HandlingMode, long> ByMode);

/// <summary>A 差评 and its rectification (整改): the case, the bad rating's level and time (from the ledger facts), and the
/// rectification deadline (unit, due date, met / missed / cancelled).</summary>
public sealed record RectificationRow(string CaseId, string CaseNumber, string ItemCode, RatingLevel? Level, DateTimeOffset? RatedAt, Deadline Deadline);

/// <summary>The supervisor's figures over the read model's tables: counts by status and mode, cases received per day,
/// and the rectifications of bad ratings.</summary>
internal static class CaseStatisticsTables
{
    private const long DayMs = 86_400_000;
    private static readonly long ChinaOffsetMs = (long)CaseContext.ChinaOffset.TotalMilliseconds;

    public static async Task<CaseCounts> CountsAsync(DbConnection connection, CancellationToken ct)
    {
        var byStatus = new Dictionary<CaseStatus, long>();
        var byMode = new Dictionary<Domain.Catalogue.HandlingMode, long>();
        await Group("status", r => byStatus[CaseDetailTables.Parse<CaseStatus>(r.GetString(0))] = r.GetInt64(1));
        await Group("mode", r => byMode[CaseDetailTables.Parse<Domain.Catalogue.HandlingMode>(r.GetString(0))] = r.GetInt64(1));
        return new CaseCounts(byStatus, byMode);

        async Task Group(string column, Action<DbDataReader> read)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {column}, COUNT(*) FROM case_summaries GROUP BY {column}";
            await using var r = await command.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) read(r);
        }
    }

    /// <summary>Cases submitted on each China date from <paramref name="from"/> to <paramref name="to"/> (inclusive);
    /// every day of the range, zero when none.</summary>
    public static async Task<IReadOnlyList<(DateOnly Day, long Count)>> ReceivedPerDayAsync(DbConnection connection, DateOnly from, DateOnly to,
        CancellationToken ct)
    {
        var counts = new Dictionary<long, long>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT (submitted_at + @offset) / @day, COUNT(*) FROM case_summaries " +
                                  "WHERE submitted_at >= @from AND submitted_at < @to GROUP BY (submitted_at + @offset) / @day";
            command.AddParameter("offset", ChinaOffsetMs);
            command.AddParameter("day", DayMs);
            command.AddParameter("from", StartMs(from));
            command.AddParameter("to", StartMs(to.AddDays(1)));
            await using var r = await command.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                counts[Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture)] = r.GetInt64(1);
        }
        var days = new List<(DateOnly, long)>();
        for (var day = from; day <= to; day = day.AddDays(1))
            days.Add((day, counts.GetValueOrDefault(day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber)));
        return days;
    }

    /// <summary>Every rectification deadline (差评整改) with its case and rating, earliest due first; of one unit or all.</summary>
    public static async Task<IReadOnlyList<RectificationRow>> RectificationsAsync(DbConnection connection, string? unitId, CancellationToken ct)
    {
        var bad = $"'{LedgerFigure.RatedDissatisfied.ToKebab()}', '{LedgerFigure.RatedVeryDissatisfied.ToKebab()}'";
        await using var command = connection.CreateCommand();
        var where = $"d.step = '{DeadlineStep.Rectification.ToKebab()}'";
        if (unitId is not null)
        {
            where += " AND d.unit_id = @unit";
            command.AddParameter("unit", unitId);
        }
        command.CommandText = $"""
            SELECT {CaseDetailTables.DeadlineColumns}, s.case_number, s.item_code,
                (SELECT MIN(f.kind) FROM case_ledger_facts f WHERE f.case_id = d.case_id AND f.kind IN ({bad})),
                (SELECT MIN(f.at_ms) FROM case_ledger_facts f WHERE f.case_id = d.case_id AND f.kind IN ({bad}))
            FROM case_deadlines d JOIN case_summaries s ON s.case_id = d.case_id
            WHERE {where} ORDER BY d.due, d.case_id, d.deadline_id
            """;
        var rows = new List<RectificationRow>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var (caseId, deadline) = CaseDetailTables.ReadDeadline(r);
            RatingLevel? level = r.IsDBNull(13) ? null : LedgerFigureLevel(CaseDetailTables.Parse<LedgerFigure>(r.GetString(13)));
            DateTimeOffset? at = r.IsDBNull(14) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r.GetValue(14), CultureInfo.InvariantCulture))
                .ToOffset(CaseContext.ChinaOffset);
            rows.Add(new RectificationRow(caseId, r.GetString(11), r.GetString(12), level, at, deadline));
        }
        return rows;
    }

    private static RatingLevel? LedgerFigureLevel(LedgerFigure figure) =>
        Enum.GetValues<RatingLevel>().Cast<RatingLevel?>().FirstOrDefault(l => LedgerFacts.RatingFigure(l!.Value) == figure);

    private static long StartMs(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), CaseContext.ChinaOffset).ToUnixTimeMilliseconds();
}
