using KuaSheng.Domain.Catalogue;

namespace KuaSheng.Domain.Ledger;

/// <summary>One thing a case event counts for one unit in the monthly ledger (台账): what, when, and the case's item
/// and mode (so the ledger can break figures down by both). No personal data.</summary>
public sealed record LedgerFact(string UnitId, LedgerFigure Figure, DateTimeOffset At, string ItemCode, HandlingMode Mode);
