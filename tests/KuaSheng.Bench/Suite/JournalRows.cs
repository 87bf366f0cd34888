using System.Globalization;

namespace KuaSheng.Bench.Suite;

/// <summary>
/// The durable rows a node writes for its commands, counted in its database: journal events by entity (cases, units,
/// waybills, the rest), the plugin's tag rows (table <c>tags</c>), idempotency records (<c>api_idempotency</c>, one
/// row per POST that carried a key, written once or twice) and snapshots (<c>snapshot</c>). A table that does not exist
/// counts 0, so the count survives a change that drops one.
/// </summary>
internal sealed record JournalRows(long CaseEvents, long UnitEvents, long WaybillEvents, long OtherEvents, long Tags, long Idempotency, long Snapshots)
{
    public long Total => CaseEvents + UnitEvents + WaybillEvents + OtherEvents + Tags + Idempotency + Snapshots;

    /// <summary>Counts with <paramref name="scalar"/>, which answers null for a table that does not exist.</summary>
    public static JournalRows Count(Func<string, long?> scalar)
    {
        long Events(string prefix) => scalar($"SELECT COUNT(*) FROM event_journal WHERE persistence_id LIKE '{prefix}-%'") ?? 0;
        var all = scalar("SELECT COUNT(*) FROM event_journal") ?? 0;
        var (cases, units, waybills) = (Events("case"), Events("unit"), Events("waybill"));
        return new JournalRows(cases, units, waybills, all - cases - units - waybills, scalar("SELECT COUNT(*) FROM tags") ?? 0,
            scalar("SELECT COUNT(*) FROM api_idempotency") ?? 0, scalar("SELECT COUNT(*) FROM snapshot") ?? 0);
    }

    public JournalRows Since(JournalRows earlier) => new(CaseEvents - earlier.CaseEvents, UnitEvents - earlier.UnitEvents,
        WaybillEvents - earlier.WaybillEvents, OtherEvents - earlier.OtherEvents, Tags - earlier.Tags, Idempotency - earlier.Idempotency,
        Snapshots - earlier.Snapshots);

    /// <summary>Rows per command in all, then each kind per command.</summary>
    public string PerCommand(long commands)
    {
        string Per(long rows) => (rows / (double)Math.Max(1, commands)).ToString("F2", CultureInfo.InvariantCulture);
        return $"{Per(Total)} (case events {Per(CaseEvents)}, unit {Per(UnitEvents)}, waybill {Per(WaybillEvents)}, other {Per(OtherEvents)}, "
               + $"tags {Per(Tags)}, idempotency {Per(Idempotency)}, snapshots {Per(Snapshots)}; {commands} commands)";
    }
}
