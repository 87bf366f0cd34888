using System.Globalization;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Domain.Ledger;

/// <summary>A ledger month in China time: [first day 00:00 +08:00, next month's first day 00:00 +08:00).</summary>
public sealed record LedgerMonth(int Year, int Month)
{
    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, CaseContext.ChinaOffset);

    public DateTimeOffset End => Start.AddMonths(1);

    public override string ToString() => $"{Year:D4}-{Month:D2}";

    /// <summary>Exactly <c>YYYY-MM</c>, years 2000-9999.</summary>
    public static bool TryParse(string? text, out LedgerMonth month)
    {
        month = new LedgerMonth(2000, 1);
        if (text is null || text.Length != 7 || text[4] != '-') return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000) return false;
        if (!int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m is < 1 or > 12) return false;
        month = new LedgerMonth(year, m);
        return true;
    }
}
