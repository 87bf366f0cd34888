using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;

namespace KuaSheng.Domain.Cases;

public static partial class CaseDecider
{
    // ---- 受理 and 审批决定, per leg ----------------------------------------------------------------------

    private static Refusal? DecideAcceptance(Changes ch, DecideAcceptance c)
    {
        var s = ch.State;
        if (s.FindLeg(c.LegId) is not { } leg) return Refusal.NotFound($"Leg {c.LegId}");
        if (s.Status is not (CaseStatus.Forwarded or CaseStatus.Accepted or CaseStatus.Returned) || leg.Status != LegStatus.Forwarded)
            return new Refusal(RefusalCodes.IllegalTransition,
                $"Leg {leg.LegId} is {leg.Status.ToKebab()} and the case is {s.Status.ToKebab()}: it cannot be accepted or returned now.");
        if (!c.Accepted && Blank(c.Reason)) return Refusal.Invalid("reason", "Say why the case is returned (退回理由).");

        ch.Meet(DeadlineStep.Acceptance, leg.LegId);
        if (!c.Accepted)
        {
            ch.Emit(new LegReturned(leg.LegId, c.Reason!, ch.Now, ch.By));
            return null;
        }
        ch.Emit(new LegAccepted(leg.LegId, ch.Now, ch.By));
        ch.StartDeadline(DeadlineStep.Decision, leg.LegId, leg.UnitId, DecisionDays(s, leg, ch.Context.Limits));
        return null;
    }

    /// <summary>初审 runs on the art. 43 limit; every other leg on the item's promised days (at most the legal limit).</summary>
    private static int DecisionDays(CaseState s, Leg leg, TimeLimits limits) =>
        leg.Role == LegRole.PreliminaryReview
            ? limits.PreliminaryReview
            : Math.Min(s.Item.PromisedDays, limits.DecisionMaxFor(s.Item.Joint));

    private static Refusal? DecideLeg(Changes ch, DecideLeg c)
    {
        var s = ch.State;
        if (s.FindLeg(c.LegId) is not { } leg) return Refusal.NotFound($"Leg {c.LegId}");
        if (s.Status is not (CaseStatus.Forwarded or CaseStatus.Accepted) || leg.Status != LegStatus.Accepted)
            return new Refusal(RefusalCodes.IllegalTransition,
                $"Leg {leg.LegId} is {leg.Status.ToKebab()} and the case is {s.Status.ToKebab()}: a decision needs an accepted leg on a case under review.");
        if (s.NeedsOriginals && !s.OriginalsReceived)
            return new Refusal(RefusalCodes.IllegalTransition,
                "The originals (原件) have not reached the home unit yet: no decision before they are received.");
        if (c.Outcome == DecisionOutcome.Denied && Blank(c.Reason))
            return Refusal.Invalid("reason", "A denial needs its reason (不予许可理由).");
        if (c.Outcome == DecisionOutcome.Approved && c.Result is null && leg.Role is not LegRole.PreliminaryReview)
            return Refusal.Invalid("resultDocument", "An approval needs its result document (title and number).");

        ch.Meet(DeadlineStep.Decision, leg.LegId);
        ch.Emit(new LegDecided(leg.LegId, c.Outcome, c.Reason, c.Result, ch.Now, ch.By));

        if (c.Outcome == DecisionOutcome.Denied)
        {
            // One denial denies the case (a parallel joint review included); the other legs stop.
            ch.CancelOpenDeadlines(d => d.Step is DeadlineStep.Acceptance or DeadlineStep.Decision);
            Decided(ch, DecisionOutcome.Denied, leg.UnitId);
            return null;
        }
        var after = ch.State;
        if (after.Legs.Where(l => l.Order == leg.Order).Any(l => l.Status != LegStatus.Approved)) return null;
        var next = after.Legs.Where(l => l.Order > leg.Order).ToList();
        if (next.Count == 0)
        {
            Decided(ch, DecisionOutcome.Approved, leg.UnitId);
            return null;
        }
        var nextOrder = next.Min(l => l.Order);
        Forward(ch, next.Where(l => l.Order == nextOrder).ToList());
        return null;
    }

    private static void Decided(Changes ch, DecisionOutcome outcome, string decidingUnitId)
    {
        ch.Emit(new CaseDecided(outcome, ch.Now, ch.By));
        ch.StartDeadline(DeadlineStep.Delivery, null, decidingUnitId, ch.Context.Limits.Delivery);
    }
}
