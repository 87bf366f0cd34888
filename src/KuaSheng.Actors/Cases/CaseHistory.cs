using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Cases;

/// <summary>How a case's journal rows fold into its state: the one rule the case and <see cref="CaseHistoryReader"/> use.</summary>
internal static class CaseHistory
{
    public static CaseState? Fold(CaseState? state, CaseEvent e) => state is null ? CaseState.Start((CaseSubmitted)e) : state.Apply(e);

    public static CaseState? Fold(CaseState? state, IEnumerable<CaseEvent> events) => events.Aggregate(state, Fold);
}
