using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Domain.Ledger;

/// <summary>
/// Which unit each case event counts for in the monthly ledger (台账). A pure function of the case summary before
/// and after the event, so the projection can write the facts in the same transaction as the summary, and a
/// re-applied event (same case and sequence number) yields the same facts again.
/// <list type="bullet">
/// <item>Window steps count for the window's unit (<see cref="CaseSummary.WindowUnitId"/>: the receiving unit, or
/// the first leg's unit of an online case): 收件, 推送 (first forwarding only), 不予受理, 代其他办理点收件.</item>
/// <item>Leg steps count for the leg's unit: 受理, 退回, 审批决定 (approved / denied).</item>
/// <item>其他办理点代本办理点收件 counts, at submission, for every leg's unit other than the receiving unit.</item>
/// <item>Case outcomes count for every unit of the case (<see cref="CaseSummary.CaseUnits"/>): 办结 (with its working
/// days), 撤回, and whether the case is still in progress at a month's end (<see cref="LedgerFigure.Opened"/> /
/// <see cref="LedgerFigure.Closed"/>).</item>
/// <item>超期 counts for the deadline's unit; 寄递 sent and signed for the sender's unit; ratings and 差评 for the rated
/// unit; 整改 (and whether in time) for the rectification deadline's unit.</item>
/// </list>
/// </summary>
public static class LedgerFacts
{
    public static IReadOnlyList<LedgerFact> From(CaseSummary? before, CaseEvent e, CaseSummary after)
    {
        var facts = new List<LedgerFact>();
        void Count(string unit, LedgerFigure figure) => facts.Add(new LedgerFact(unit, figure, e.At, after.ItemCode, after.Mode));
        void CountAll(LedgerFigure figure)
        {
            foreach (var unit in after.CaseUnits) Count(unit, figure);
        }

        switch (e)
        {
            case CaseSubmitted:
                CountAll(LedgerFigure.Opened);
                Count(after.WindowUnitId, LedgerFigure.Received);
                if (after.ReceivingUnitId is { } receiving)
                {
                    if (after.Legs.All(l => l.UnitId != receiving)) Count(receiving, LedgerFigure.ReceivedForOthers);
                    foreach (var unit in after.Legs.Select(l => l.UnitId).Where(u => u != receiving).Distinct(StringComparer.Ordinal))
                        Count(unit, LedgerFigure.ReceivedByOthers);
                }
                break;
            case LegsForwarded when before is not null && before.Legs.All(l => l.Status == LegStatus.Pending):
                Count(after.WindowUnitId, LedgerFigure.Forwarded);
                break;
            case CaseNotAccepted:
                Count(after.WindowUnitId, LedgerFigure.NotAccepted);
                CountAll(LedgerFigure.Closed);
                break;
            case LegAccepted a:
                CountLeg(a.LegId, LedgerFigure.Accepted);
                break;
            case LegReturned r:
                CountLeg(r.LegId, LedgerFigure.Returned);
                break;
            case LegDecided d:
                CountLeg(d.LegId, d.Outcome == DecisionOutcome.Approved ? LedgerFigure.Approved : LedgerFigure.Denied);
                break;
            case CaseCompleted:
                CountAll(LedgerFigure.Completed);
                CountAll(LedgerFigure.Closed);
                break;
            case CaseWithdrawn:
                CountAll(LedgerFigure.Withdrawn);
                CountAll(LedgerFigure.Closed);
                break;
            case DeadlineMissed m when before?.Deadlines.Find(d => d.DeadlineId == m.DeadlineId) is { MissedAt: null } missed:
                Count(missed.UnitId, LedgerFigure.Overdue);
                break;
            case MailingRegistered m when after.Mailings.Find(x => x.MailingId == m.MailingId) is { } mailing:
                Count(mailing.SenderUnitId, LedgerFigure.MailingSent);
                break;
            case CarrierEventRecorded c when after.Mailings.Find(x => x.MailingId == c.MailingId) is { Status: CarrierStatus.Signed } signed
                                             && before?.Mailings.Find(x => x.MailingId == c.MailingId) is { Status: not CarrierStatus.Signed }:
                Count(signed.SenderUnitId, LedgerFigure.MailingSigned);
                break;
            case CaseRated r:
                Count(r.RatedUnitId, RatingFigure(r.Level));
                if (r.Level.IsBad()) Count(r.RatedUnitId, LedgerFigure.BadRating);
                break;
            case RectificationRecorded when before?.Deadlines.FindLast(d => d.Step == DeadlineStep.Rectification) is { } deadline:
                Count(deadline.UnitId, LedgerFigure.Rectified);
                if (deadline.MissedAt is null && CaseContext.ChinaDate(e.At) <= deadline.Due) Count(deadline.UnitId, LedgerFigure.RectifiedInTime);
                break;
        }
        return facts;

        void CountLeg(string legId, LedgerFigure figure)
        {
            if (after.Legs.Find(l => l.LegId == legId) is { } leg) Count(leg.UnitId, figure);
        }
    }

    public static LedgerFigure RatingFigure(RatingLevel level) => level switch
    {
        RatingLevel.VerySatisfied => LedgerFigure.RatedVerySatisfied,
        RatingLevel.Satisfied => LedgerFigure.RatedSatisfied,
        RatingLevel.BasicallySatisfied => LedgerFigure.RatedBasicallySatisfied,
        RatingLevel.Dissatisfied => LedgerFigure.RatedDissatisfied,
        _ => LedgerFigure.RatedVeryDissatisfied,
    };
}
