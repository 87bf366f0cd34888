using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Ledger;

namespace KuaSheng.Domain.Tests.Ledger;

/// <summary>What must hold of the ledger facts of every reachable case history, checked against the full case state
/// (which the facts function never sees): the figures say what the case says.</summary>
internal static class LedgerFactInvariants
{
    public static IReadOnlyList<LedgerFact> FactsOf(IReadOnlyList<CaseEvent> history)
    {
        var summary = CaseSummary.Start((CaseSubmitted)history[0]);
        var facts = Distinct(LedgerFacts.From(null, history[0], summary)).ToList();
        foreach (var e in history.Skip(1))
        {
            var next = summary.Apply(e);
            facts.AddRange(Distinct(LedgerFacts.From(summary, e, next)));
            // Pure: the same event on the same summary gives the same facts (what makes re-applying a no-op).
            Assert.Equal(LedgerFacts.From(summary, e, next), LedgerFacts.From(summary, e, summary.Apply(e)));
            summary = next;
        }
        return facts;

        // No event counts one figure twice for a unit: the table's key (case, seq, unit, figure) relies on it.
        static IReadOnlyList<LedgerFact> Distinct(IReadOnlyList<LedgerFact> one)
        {
            Assert.Equal(one.Count, one.Select(f => (f.UnitId, f.Figure)).Distinct().Count());
            return one;
        }
    }

    public static void Check(CaseState state, IReadOnlyList<CaseEvent> history)
    {
        var facts = FactsOf(history);
        int Count(LedgerFigure figure, string? unit = null) => facts.Count(f => f.Figure == figure && (unit is null || f.UnitId == unit));
        var caseUnits = state.Legs.Select(l => l.UnitId).Prepend(state.ReceivingUnitId).OfType<string>().Distinct().ToList();
        var windowUnit = state.ReceivingUnitId ?? state.Legs.MinBy(l => l.Order)!.UnitId;

        Assert.All(facts, f => Assert.Equal((state.Item.Code, state.Mode), (f.ItemCode, f.Mode)));
        Assert.Equal(1, Count(LedgerFigure.Received));
        Assert.Equal(1, Count(LedgerFigure.Received, windowUnit));
        Assert.All(caseUnits, u => Assert.Equal(1, Count(LedgerFigure.Opened, u)));
        Assert.Equal(caseUnits.Count, Count(LedgerFigure.Opened));
        var closed = state.Status.IsTerminal() ? 1 : 0;
        Assert.All(caseUnits, u => Assert.Equal(closed, Count(LedgerFigure.Closed, u)));
        Assert.Equal(state.Status == CaseStatus.Completed ? caseUnits.Count : 0, Count(LedgerFigure.Completed));
        Assert.Equal(state.Status == CaseStatus.Withdrawn ? caseUnits.Count : 0, Count(LedgerFigure.Withdrawn));
        Assert.Equal(state.Status == CaseStatus.NotAccepted ? 1 : 0, Count(LedgerFigure.NotAccepted));
        Assert.Equal(state.Legs.Any(l => l.Status != LegStatus.Pending) ? 1 : 0, Count(LedgerFigure.Forwarded));
        Assert.Equal(history.OfType<LegAccepted>().Count(), Count(LedgerFigure.Accepted));
        Assert.Equal(history.OfType<LegReturned>().Count(), Count(LedgerFigure.Returned));
        Assert.Equal(state.Legs.Count(l => l.Status == LegStatus.Approved), Count(LedgerFigure.Approved));
        Assert.Equal(state.Legs.Count(l => l.Status == LegStatus.Denied), Count(LedgerFigure.Denied));
        Assert.Equal(state.Deadlines.Count(d => d.MissedAt is not null), Count(LedgerFigure.Overdue));
        Assert.All(state.Deadlines.Where(d => d.MissedAt is not null).GroupBy(d => d.UnitId),
            g => Assert.Equal(g.Count(), Count(LedgerFigure.Overdue, g.Key)));
        Assert.Equal(state.Mailings.Count, Count(LedgerFigure.MailingSent));
        Assert.Equal(state.Mailings.Count(m => m.Status == CarrierStatus.Signed), Count(LedgerFigure.MailingSigned));
        Assert.All(facts.Where(f => f.Figure == LedgerFigure.MailingSigned).GroupBy(f => f.UnitId),
            g => Assert.True(g.Count() <= Count(LedgerFigure.MailingSent, g.Key)));
        var ratings = facts.Where(f => f.Figure.ToString().StartsWith("Rated", StringComparison.Ordinal)).ToList();
        Assert.Equal(state.Rating is null ? 0 : 1, ratings.Count);
        if (state.Rating is { } rating)
        {
            Assert.Equal((rating.RatedUnitId, LedgerFacts.RatingFigure(rating.Level)), (ratings[0].UnitId, ratings[0].Figure));
            Assert.Equal(rating.Level.IsBad() ? 1 : 0, Count(LedgerFigure.BadRating, rating.RatedUnitId));
        }
        Assert.Equal(state.Rectification?.DoneAt is null ? 0 : 1, Count(LedgerFigure.Rectified));
        if (state.Rectification is { DoneAt: not null } done) Assert.Equal(1, Count(LedgerFigure.Rectified, done.UnitId));
        Assert.True(Count(LedgerFigure.RectifiedInTime) <= Count(LedgerFigure.Rectified));
    }
}
