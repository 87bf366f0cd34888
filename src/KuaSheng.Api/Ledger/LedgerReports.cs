using KuaSheng.Actors.ReadModel;
using KuaSheng.Api.Catalogue;
using KuaSheng.Domain.Ledger;

namespace KuaSheng.Api.Ledger;

/// <summary>The monthly ledger (台账) of every unit or one, from the read model: the case figures
/// (<see cref="CaseReadModelStore.LedgerEntriesAsync"/>) and the tickets' (<see cref="TicketReadModelStore"/>), named
/// from the reference data. The one ledger that <c>GET /ledger</c> and the console's 月度台账 and 好差评 show.</summary>
public sealed class LedgerReports(CaseReadModelStore cases, TicketReadModelStore tickets, ReferenceGateway reference)
{
    /// <summary>Whether <paramref name="unitId"/> is a unit of the reference data.</summary>
    public bool IsUnit(string unitId) => reference.Current.Units.Contains(unitId);

    public async Task<LedgerReport> BuildAsync(LedgerMonth month, string? unitId, CancellationToken ct)
    {
        var data = reference.Current;
        var entries = (await cases.LedgerEntriesAsync(month, unitId, data.Calendar.WorkingDaysBetween, ct))
            .Concat(await tickets.LedgerEntriesAsync(month, unitId, ct));
        return LedgerReport.Build(month, entries, unitId is null ? [] : [unitId], id => data.Units.Find(id)?.Name,
            code => data.Catalogue.Find(code)?.Name);
    }
}
