using System.Data.Common;
using System.Globalization;
using KuaSheng.Actors.Hosting;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Ledger;

namespace KuaSheng.Actors.ReadModel;

/// <summary>
/// <c>case_ledger_facts</c>: what each case event counts for the monthly ledger (台账), as <see cref="LedgerFacts"/>
/// derives it, written in the projection's transaction. The key (case, the event's position in the case (column <c>seq</c>,
/// <see cref="CaseJournalEntries"/>), unit, figure) makes a
/// re-applied event a no-op. The ledger of a month counts the facts in [month start, next month start) (+08:00),
/// and a case as in progress at the month's end when its <c>opened</c> fact lies before the end and no <c>closed</c> one does.
/// </summary>
internal static class LedgerFactTable
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS case_ledger_facts (
            case_id   TEXT   NOT NULL,
            seq       BIGINT NOT NULL,
            unit_id   TEXT   NOT NULL,
            kind      TEXT   NOT NULL,
            at_ms     BIGINT NOT NULL,
            item_code TEXT   NOT NULL,
            mode      TEXT   NOT NULL,
            PRIMARY KEY (case_id, seq, unit_id, kind)
        );
        CREATE INDEX IF NOT EXISTS case_ledger_facts_at ON case_ledger_facts (at_ms, unit_id);
        """;

    public const string DeleteAll = "DELETE FROM case_ledger_facts;";

    public static void Insert(StatementBatch writes, string caseId, long position, LedgerFact f) =>
        writes.Add("""
            INSERT INTO case_ledger_facts (case_id, seq, unit_id, kind, at_ms, item_code, mode) VALUES (@id, @seq, @unit, @kind, @at, @item, @mode)
            ON CONFLICT (case_id, seq, unit_id, kind) DO NOTHING
            """, c =>
        {
            c.AddParameter("id", caseId);
            c.AddParameter("seq", position);
            c.AddParameter("unit", f.UnitId);
            c.AddParameter("kind", f.Figure.ToKebab());
            c.AddParameter("at", f.At.ToUnixTimeMilliseconds());
            c.AddParameter("item", f.ItemCode);
            c.AddParameter("mode", f.Mode.ToKebab());
        });

    public static Task DumpAsync(DbConnection connection, List<string> lines, CancellationToken ct) =>
        CaseDetailTables.ReadLines(connection, "SELECT case_id, seq, unit_id, kind, at_ms, item_code, mode FROM case_ledger_facts " +
                                               "ORDER BY case_id, seq, unit_id, kind", "fact", lines, ct);

    /// <summary>The case figures of a month per unit, item and mode: counts of the month's facts, cases in progress at
    /// its end, and the working days of its completions (by <paramref name="workingDaysBetween"/>, Beijing dates).</summary>
    public static async Task<IReadOnlyList<LedgerEntry>> EntriesAsync(DbConnection connection, LedgerMonth month, string? unitId,
        Func<DateOnly, DateOnly, int> workingDaysBetween, CancellationToken ct)
    {
        var entries = new List<LedgerEntry>();
        var unitFilter = unitId is null ? "" : " AND f.unit_id = @unit";
        await Read($"""
            SELECT f.unit_id, f.item_code, f.mode, f.kind, COUNT(*) FROM case_ledger_facts f
            WHERE f.at_ms >= @from AND f.at_ms < @to AND f.kind NOT IN ('opened', 'closed'){unitFilter}
            GROUP BY f.unit_id, f.item_code, f.mode, f.kind
            """, r => Figure(r.GetString(3)) is { } figure ? LedgerCounts.Of(figure, r.GetInt64(4)) : LedgerCounts.Zero);
        await Read($"""
            SELECT f.unit_id, f.item_code, f.mode, SUM(CASE WHEN f.kind = 'opened' THEN 1 ELSE -1 END) FROM case_ledger_facts f
            WHERE f.at_ms < @to AND f.kind IN ('opened', 'closed'){unitFilter}
            GROUP BY f.unit_id, f.item_code, f.mode
            """, r => new LedgerCounts { InProgress = Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture) });
        await Read($"""
            SELECT f.unit_id, f.item_code, f.mode, s.submitted_at, f.at_ms FROM case_ledger_facts f JOIN case_summaries s ON s.case_id = f.case_id
            WHERE f.at_ms >= @from AND f.at_ms < @to AND f.kind = 'completed'{unitFilter}
            """, r => new LedgerCounts
        {
            CompletionWorkingDays = workingDaysBetween(Date(r.GetInt64(3)), Date(r.GetInt64(4))),
        });
        return entries;

        LedgerEntry Entry(DbDataReader r, LedgerCounts counts) => new(r.GetString(0), r.GetString(1),
            Kebab.TryParse<HandlingMode>(r.GetString(2), out var mode) ? mode : throw new InvalidOperationException($"Unknown mode '{r.GetString(2)}'."),
            counts);

        async Task Read(string sql, Func<DbDataReader, LedgerCounts> counts)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.AddParameter("from", month.Start.ToUnixTimeMilliseconds());
            command.AddParameter("to", month.End.ToUnixTimeMilliseconds());
            if (unitId is not null) command.AddParameter("unit", unitId);
            await using var r = await command.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) entries.Add(Entry(r, counts(r)));
        }
    }

    private static LedgerFigure? Figure(string kind) => Kebab.TryParse<LedgerFigure>(kind, out var figure) ? figure : null;

    private static DateOnly Date(long ms) => CaseContext.ChinaDate(DateTimeOffset.FromUnixTimeMilliseconds(ms));
}
