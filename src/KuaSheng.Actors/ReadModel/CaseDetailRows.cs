using System.Data.Common;
using KuaSheng.Actors.Hosting;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.ReadModel;

/// <summary>
/// Writes a case's detail rows (<see cref="CaseDetailTables"/>) as the difference between what the table holds and
/// what the summary now says: a row whose stored columns changed or that is new is upserted, a row no longer in the
/// summary is deleted, an unchanged row is left alone (most events change one deadline, leg or mailing, or none).
/// Rows are compared by their column values, so a value the table does not keep (a deadline's working days, a time's
/// sub-millisecond part) does not count as a change. A case without stored rows has its rows deleted and written.
/// </summary>
internal static class CaseDetailRows
{
    public static void Write(StatementBatch writes, CaseSummary? before, CaseSummary s)
    {
        Sync(writes, Legs, s.CaseId, before?.Legs.Select(l => LegRow.Of(l, before.ItemCode)), s.Legs.Select(l => LegRow.Of(l, s.ItemCode)));
        Sync(writes, Deadlines, s.CaseId, before?.Deadlines.Select(DeadlineRow.Of), s.Deadlines.Select(DeadlineRow.Of));
        Sync(writes, Mailings, s.CaseId, before?.Mailings.Select(MailingRow.Of), s.Mailings.Select(MailingRow.Of));
    }

    private static void Sync<TRow>(StatementBatch writes, DetailTable<TRow> table, string caseId, IEnumerable<TRow>? before, IEnumerable<TRow> after)
        where TRow : IDetailRow
    {
        if (before is null)
        {
            writes.Add($"DELETE FROM {table.Name} WHERE case_id = @id", c => c.AddParameter("id", caseId));
            foreach (var row in after) writes.Add(table.Upsert, c => row.Bind(c, caseId));
            return;
        }
        var stored = before.ToDictionary(r => r.Key, StringComparer.Ordinal);
        foreach (var row in after)
            if (!stored.Remove(row.Key, out var was) || !was.Equals(row))
                writes.Add(table.Upsert, c => row.Bind(c, caseId));
        foreach (var gone in stored.Keys)
            writes.Add($"DELETE FROM {table.Name} WHERE case_id = @id AND {table.KeyColumn} = @key", c =>
            {
                c.AddParameter("id", caseId);
                c.AddParameter("key", gone);
            });
    }

    private static readonly DetailTable<LegRow> Legs = new("case_legs", "leg_id", """
        INSERT INTO case_legs (case_id, leg_id, unit_id, item_code, role, ord, status) VALUES (@id, @leg, @unit, @item, @role, @ord, @status)
        ON CONFLICT (case_id, leg_id) DO UPDATE SET unit_id = excluded.unit_id, item_code = excluded.item_code, role = excluded.role,
            ord = excluded.ord, status = excluded.status
        """);

    private static readonly DetailTable<DeadlineRow> Deadlines = new("case_deadlines", "deadline_id", """
        INSERT INTO case_deadlines (case_id, deadline_id, step, leg_id, unit_id, start, due, provisional, met_at, missed_at, cancelled_at)
        VALUES (@id, @deadline, @step, @leg, @unit, @start, @due, @provisional, @met, @missed, @cancelled)
        ON CONFLICT (case_id, deadline_id) DO UPDATE SET step = excluded.step, leg_id = excluded.leg_id, unit_id = excluded.unit_id,
            start = excluded.start, due = excluded.due, provisional = excluded.provisional, met_at = excluded.met_at,
            missed_at = excluded.missed_at, cancelled_at = excluded.cancelled_at
        """);

    private static readonly DetailTable<MailingRow> Mailings = new("case_mailings", "mailing_id", """
        INSERT INTO case_mailings (case_id, mailing_id, purpose, sender_unit_id, status) VALUES (@id, @mailing, @purpose, @sender, @status)
        ON CONFLICT (case_id, mailing_id) DO UPDATE SET purpose = excluded.purpose, sender_unit_id = excluded.sender_unit_id,
            status = excluded.status
        """);

    private sealed record DetailTable<TRow>(string Name, string KeyColumn, string Upsert);

    private interface IDetailRow
    {
        string Key { get; }
        void Bind(DbCommand command, string caseId);
    }

    /// <summary>A row of <c>case_legs</c>, as stored.</summary>
    private sealed record LegRow(string LegId, string UnitId, string ItemCode, string Role, int Order, string Status) : IDetailRow
    {
        public static LegRow Of(SummaryLeg l, string itemCode) => new(l.LegId, l.UnitId, itemCode, l.Role.ToKebab(), l.Order, l.Status.ToKebab());

        public string Key => LegId;

        public void Bind(DbCommand c, string caseId)
        {
            c.AddParameter("id", caseId);
            c.AddParameter("leg", LegId);
            c.AddParameter("unit", UnitId);
            c.AddParameter("item", ItemCode);
            c.AddParameter("role", Role);
            c.AddParameter("ord", Order);
            c.AddParameter("status", Status);
        }
    }

    /// <summary>A row of <c>case_deadlines</c>, as stored: days as <c>YYYY-MM-DD</c>, times as Unix milliseconds.</summary>
    private sealed record DeadlineRow(string DeadlineId, string Step, string? LegId, string UnitId, string Start, string Due, bool Provisional,
        long? MetAt, long? MissedAt, long? CancelledAt) : IDetailRow
    {
        public static DeadlineRow Of(Deadline d) => new(d.DeadlineId, d.Step.ToKebab(), d.LegId, d.UnitId,
            CaseDetailTables.Day(d.Start), CaseDetailTables.Day(d.Due), d.Provisional,
            d.MetAt?.ToUnixTimeMilliseconds(), d.MissedAt?.ToUnixTimeMilliseconds(), d.CancelledAt?.ToUnixTimeMilliseconds());

        public string Key => DeadlineId;

        public void Bind(DbCommand c, string caseId)
        {
            c.AddParameter("id", caseId);
            c.AddParameter("deadline", DeadlineId);
            c.AddParameter("step", Step);
            c.AddParameter("leg", LegId, typeof(string));
            c.AddParameter("unit", UnitId);
            c.AddParameter("start", Start);
            c.AddParameter("due", Due);
            c.AddParameter("provisional", Provisional ? 1 : 0);
            c.AddParameter("met", MetAt, typeof(long));
            c.AddParameter("missed", MissedAt, typeof(long));
            c.AddParameter("cancelled", CancelledAt, typeof(long));
        }
    }

    /// <summary>A row of <c>case_mailings</c>, as stored.</summary>
    private sealed record MailingRow(string MailingId, string Purpose, string SenderUnitId, string Status) : IDetailRow
    {
        public static MailingRow Of(SummaryMailing m) => new(m.MailingId, m.Purpose.ToKebab(), m.SenderUnitId, m.Status.ToKebab());

        public string Key => MailingId;

        public void Bind(DbCommand c, string caseId)
        {
            c.AddParameter("id", caseId);
            c.AddParameter("mailing", MailingId);
            c.AddParameter("purpose", Purpose);
            c.AddParameter("sender", SenderUnitId);
            c.AddParameter("status", Status);
        }
    }
}
