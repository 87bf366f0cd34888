using System.Data.Common;

namespace KuaSheng.Host.Tests.Faults;

/// <summary>What <see cref="HistoryChecker"/> checks: the nodes' APIs (any of them answers for any case) and the
/// database they write (the journal, and the case read model's tables).</summary>
internal interface IFaultTarget
{
    NodeApi[] Apis { get; }
    string OperatorToken { get; }
    Task<DbConnection> OpenJournalAsync();
    Task<DbConnection> OpenReadModelAsync();
}
