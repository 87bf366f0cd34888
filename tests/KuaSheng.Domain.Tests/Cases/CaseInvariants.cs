using KuaSheng.Domain.Cases;

namespace KuaSheng.Domain.Tests.Cases;

/// <summary>What must hold of every reachable case state.</summary>
internal static class CaseInvariants
{
    public static void Check(CaseState before, CaseState after, IReadOnlyList<CaseEvent> history)
    {
        if (before.Status is CaseStatus.NotAccepted or CaseStatus.Withdrawn)
            Assert.Equal(before.Status, after.Status); // terminal
        if (before.Status == CaseStatus.Completed) Assert.Equal(CaseStatus.Completed, after.Status);

        var decided = after.Status is CaseStatus.Decided or CaseStatus.Delivering or CaseStatus.Completed;
        Assert.Equal(decided, after.Outcome is not null);
        if (after.Outcome == DecisionOutcome.Approved) Assert.All(after.Legs, l => Assert.Equal(LegStatus.Approved, l.Status));
        if (after.Outcome == DecisionOutcome.Denied) Assert.Contains(after.Legs, l => l.Status == LegStatus.Denied);
        if (after.Legs.Any(l => l.Status is LegStatus.Approved or LegStatus.Denied) && after.NeedsOriginals)
            Assert.True(after.OriginalsReceived, "a leg was decided before the originals arrived");

        // Sequential integrity: a leg of a later order moves only once every earlier leg is approved.
        foreach (var leg in after.Legs.Where(l => l.Status != LegStatus.Pending))
            Assert.All(after.Legs.Where(l => l.Order < leg.Order), earlier => Assert.Equal(LegStatus.Approved, earlier.Status));

        // Nothing is forwarded from a window before both checks passed.
        if (after.Channel != Channel.Online && after.Legs.Any(l => l.Status != LegStatus.Pending))
            Assert.True(after.FormPassed == true && after.IdentityPassed == true);

        if (after.Status == CaseStatus.Completed) Assert.NotNull(after.ResultDelivery);
        if (after.Status == CaseStatus.Suspended) Assert.NotNull(after.Suspension);
        Assert.Equal(after.Status is CaseStatus.Suspended or CaseStatus.SupplementRequested, after.ClockPausedSince is not null);

        Assert.True(history.OfType<CaseRated>().Count() <= 1, "rated twice");
        Assert.All(history.OfType<DeadlineMissed>().GroupBy(m => m.DeadlineId), g => Assert.Single(g));
        Assert.True(history.OfType<OriginalsReceived>().Count() <= 1, "originals received twice");
        Assert.True(history.OfType<CaseDecided>().Count() <= 1, "decided twice");
        Assert.Equal(after.Deadlines.Count, after.Deadlines.Select(d => d.DeadlineId).Distinct().Count());
        Assert.Equal(after.Mailings.Count, after.Mailings.Select(m => m.WaybillNumber).Distinct().Count());
        if (after.Status.IsTerminal() && after.Status != CaseStatus.Completed)
            Assert.DoesNotContain(after.Deadlines, d => d.IsOpen && d.Step != Deadlines.DeadlineStep.Rectification);

        // The read model's summary, folded from the same history, says what the state says.
        var summary = history.Skip(1).Aggregate(CaseSummary.Start(Assert.IsType<CaseSubmitted>(history[0])), (s, e) => s.Apply(e));
        Assert.Equal(after.Status, summary.Status);
        Assert.Equal(after.Outcome, summary.Outcome);
        Assert.Equal(after.CompletedAt, summary.CompletedAt);
        Assert.Equal(after.Deadlines.Any(d => d.MissedAt is not null), summary.Overdue);
        Assert.Equal(after.Legs.Select(l => (l.LegId, l.UnitId, l.Status)), summary.Legs.Select(l => (l.LegId, l.UnitId, l.Status)));
        Assert.Superset(after.Legs.Select(l => l.UnitId).Concat(after.Deadlines.Select(d => d.UnitId)).ToHashSet(), summary.Units.ToHashSet());
        Assert.Equal(history[^1].At, summary.LastEventAt);
        Assert.Equal(after.Deadlines, summary.Deadlines);
        Assert.Equal(after.Mailings.Select(m => (m.MailingId, m.Purpose, m.Status)), summary.Mailings.Select(m => (m.MailingId, m.Purpose, m.Status)));
        Assert.Equal(after.Legs.Select(l => (l.Role, l.Order)), summary.Legs.Select(l => (l.Role, l.Order)));
        Ledger.LedgerFactInvariants.Check(after, history);
    }
}
