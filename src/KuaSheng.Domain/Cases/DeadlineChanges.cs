using System.Collections.Immutable;

namespace KuaSheng.Domain.Cases;

/// <summary>How deadline events change a list of deadlines: one rule for the case state and the case summary.</summary>
internal static class DeadlineChanges
{
    public static ImmutableList<Deadline> Apply(ImmutableList<Deadline> deadlines, CaseEvent e) => e switch
    {
        DeadlineSet d => deadlines.Add(d.Deadline),
        DeadlineMet m => Set(deadlines, m.DeadlineId, d => d with { MetAt = m.At }),
        DeadlineMissed m => Set(deadlines, m.DeadlineId, d => d with { MissedAt = m.At }),
        DeadlinesCancelled x => deadlines.ConvertAll(d => x.DeadlineIds.Contains(d.DeadlineId) ? d with { CancelledAt = x.At } : d),
        DeadlinesShifted x => deadlines.ConvertAll(d =>
            x.Deadlines.FirstOrDefault(n => n.DeadlineId == d.DeadlineId) is { } n
                ? d with { Due = n.Due, Provisional = n.Provisional, WorkingDays = n.WorkingDays ?? d.WorkingDays }
                : d),
        _ => deadlines,
    };

    private static ImmutableList<Deadline> Set(ImmutableList<Deadline> deadlines, string id, Func<Deadline, Deadline> change) =>
        deadlines.ConvertAll(d => d.DeadlineId == id ? change(d) : d);
}
