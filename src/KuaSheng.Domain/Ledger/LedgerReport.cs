using KuaSheng.Domain.Catalogue;

namespace KuaSheng.Domain.Ledger;

/// <summary>明细 (one item and mode of a unit), 单位小计 (a unit), 合计 (all rows of the report).</summary>
public enum LedgerRowLevel { Item, Unit, Total }

/// <summary>A row of the ledger. Item rows without an item code carry what has no case (tickets not tied to a case).</summary>
public sealed record LedgerRow(LedgerRowLevel Level, string? UnitId, string? UnitName, string? ItemCode, string? ItemName, HandlingMode? Mode,
    LedgerCounts Counts);

/// <summary>What the read model counted for one unit, item and mode (item and mode null for what has no case).</summary>
public sealed record LedgerEntry(string UnitId, string? ItemCode, HandlingMode? Mode, LedgerCounts Counts);

public sealed record LedgerReport(LedgerMonth Month, IReadOnlyList<LedgerRow> Rows)
{
    /// <summary>
    /// The rows of a month: per unit (ordered by id) its item rows (by item code, then mode; what has no item last)
    /// and a unit subtotal; then one total row. Subtotals and the total are sums of the item rows, so a case that
    /// concerns two units counts in both units' rows and twice in the total. <paramref name="units"/>: units that get
    /// a (possibly all-zero) subtotal row even without entries.
    /// </summary>
    public static LedgerReport Build(LedgerMonth month, IEnumerable<LedgerEntry> entries, IEnumerable<string> units,
        Func<string, string?> unitName, Func<string, string?> itemName)
    {
        var byUnit = entries
            .GroupBy(e => (e.UnitId, e.ItemCode, e.Mode))
            .Select(g => new LedgerRow(LedgerRowLevel.Item, g.Key.UnitId, unitName(g.Key.UnitId), g.Key.ItemCode,
                g.Key.ItemCode is null ? null : itemName(g.Key.ItemCode), g.Key.Mode, g.Aggregate(LedgerCounts.Zero, (sum, e) => sum + e.Counts)))
            .Where(r => r.Counts != LedgerCounts.Zero)
            .ToLookup(r => r.UnitId!, StringComparer.Ordinal);
        var rows = new List<LedgerRow>();
        foreach (var unit in byUnit.Select(g => g.Key).Concat(units).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var items = byUnit[unit].OrderBy(r => r.ItemCode is null).ThenBy(r => r.ItemCode, StringComparer.Ordinal).ThenBy(r => r.Mode).ToList();
            rows.AddRange(items);
            rows.Add(new LedgerRow(LedgerRowLevel.Unit, unit, unitName(unit), null, null, null, Sum(items)));
        }
        rows.Add(new LedgerRow(LedgerRowLevel.Total, null, null, null, null, null, Sum(rows.Where(r => r.Level == LedgerRowLevel.Item))));
        return new LedgerReport(month, rows);
    }

    private static LedgerCounts Sum(IEnumerable<LedgerRow> rows) => rows.Aggregate(LedgerCounts.Zero, (sum, r) => sum + r.Counts);
}
