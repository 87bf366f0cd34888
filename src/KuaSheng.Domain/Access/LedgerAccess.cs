namespace KuaSheng.Domain.Access;

/// <summary>Who reads which monthly ledger (台账): supervisors every unit's, or one unit's; the officers and windows of a
/// unit their own unit's only; everyone else none. One rule for <c>GET /ledger</c> and the console's 月度台账.</summary>
public static class LedgerAccess
{
    /// <summary>Every unit's ledger (and the figures built from it, such as 好差评 per unit): 督查.</summary>
    public static bool ReadsEveryUnit(Caller c) => c.Role == Roles.Supervisor;

    /// <summary>May read a ledger at all.</summary>
    public static bool MayRead(Caller c) => ReadsEveryUnit(c) || (c.Is(Roles.Officer, Roles.Window) && c.Units.Count == 1);

    /// <summary>The unit whose ledger <paramref name="c"/> reads when it asks for <paramref name="unitId"/> (null: none
    /// named): a supervisor what it asked for (null: every unit); an officer or window its own unit, refused
    /// (<c>Allowed</c> false) when it names another.</summary>
    public static (bool Allowed, string? UnitId) Scope(Caller c, string? unitId)
    {
        if (!MayRead(c)) return (false, null);
        if (ReadsEveryUnit(c)) return (true, unitId);
        var own = c.Units[0];
        return unitId is null || unitId == own ? (true, own) : (false, null);
    }
}
