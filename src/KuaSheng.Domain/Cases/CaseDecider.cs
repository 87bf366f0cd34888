using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Domain.Cases;

/// <summary>
/// The case state machine: a command and the current state give either events or a refusal, never an exception
/// and never a half-done change. "What happens when a decision arrives" is <see cref="DecideLeg"/>, and so on.
/// </summary>
public static partial class CaseDecider
{
    public static CaseDecision Decide(CaseState? state, CaseCommand command, CaseContext context)
    {
        if (state is null)
            return command is SubmitCase submit ? Submit(submit, context) : CaseDecision.Refused(Refusal.NotFound("The case"));
        if (command is SubmitCase)
            return CaseDecision.Refused(Refusal.Conflict($"Case {state.CaseId} has already been submitted."));

        var changes = new Changes(state, context, command.By);
        var refusal = command switch
        {
            ReviewForm c => ReviewForm(changes, c),
            ProvideSupplement c => Supplement(changes, c),
            VerifyIdentity c => VerifyIdentity(changes, c),
            RefuseCase c => RefuseCase(changes, c),
            DecideAcceptance c => DecideAcceptance(changes, c),
            DecideLeg c => DecideLeg(changes, c),
            RegisterMailing c => RegisterMailing(changes, c),
            RecordCarrierEvent c => RecordCarrierEvent(changes, c),
            ReceiveOriginals c => ReceiveOriginals(changes, c),
            DeliverResult c => DeliverResult(changes, c),
            ConfirmResultCollected c => ConfirmCollected(changes, c),
            Withdraw c => Withdraw(changes, c),
            Suspend c => Suspend(changes, c),
            Resume c => Resume(changes, c),
            Rate c => Rate(changes, c),
            RecordRectification c => Rectify(changes, c),
            MarkDeadlineMissed c => MarkMissed(changes, c),
            RecountDeadlines c => Recount(changes, c),
            _ => Refusal.Invalid("command", $"Unknown command {command.GetType().Name}."),
        };
        return refusal is null ? changes.Done() : CaseDecision.Refused(refusal);
    }

    private static Refusal? Illegal(CaseState s, string step) => Refusal.IllegalTransition(s.Status, step);

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    // ---- 收件 --------------------------------------------------------------------------------------------

    private static CaseDecision Submit(SubmitCase c, CaseContext context)
    {
        if (Blank(c.CaseId)) return CaseDecision.Refused(Refusal.Invalid("caseId", "A case needs an id."));
        if (c.Legs.Count == 0) return CaseDecision.Refused(new Refusal(RefusalCodes.NoRoute, $"No unit can handle item {c.Item.Code}."));
        if (c.Channel != Channel.Online && Blank(c.ReceivingUnitId))
            return CaseDecision.Refused(Refusal.Invalid("receivingUnitId", "A case received at a window needs the receiving unit."));
        if (c.Item.Joint != (c.Mode == HandlingMode.Joint))
            return CaseDecision.Refused(Refusal.Invalid("mode", c.Item.Joint
                ? $"Item {c.Item.Code} is handled jointly (多地联办): use mode joint."
                : $"Item {c.Item.Code} is not a joint item: mode joint does not apply."));

        var submitted = new CaseSubmitted(c.CaseId, c.CaseNumber, c.QueryCodeHash, c.Item, c.Mode, c.Channel, c.ReceivingUnitId,
            c.Applicant, c.Agent, c.CounterpartRegion, c.Materials, c.Delivery, c.Legs, c.Warnings, context.Now, c.By.ToString());
        var changes = Changes.Starting(submitted, context, c.By);
        if (c.Channel == Channel.Online)
        {
            // 全程网办: no window checks; the platform verified identity, so the case goes straight to its units.
            Forward(changes, FirstOrder(changes.State));
            StartOriginalsMailing(changes);
        }
        else
        {
            changes.StartDeadline(DeadlineStep.FormReview, null, c.ReceivingUnitId!, context.Limits.SupplementNotice);
        }
        return changes.Done();
    }

    private static Refusal? ReviewForm(Changes ch, ReviewForm c)
    {
        var s = ch.State;
        if (s.Status != CaseStatus.Received || s.FormPassed == true) return Illegal(s, "form-review");
        if (!c.Passed && c.Missing.Count(m => !Blank(m)) == 0)
            return Refusal.Invalid("missing", "Name every missing material at once (一次性告知) when form review fails.");

        ch.Meet(DeadlineStep.FormReview);
        ch.Emit(new FormReviewed(c.Passed, c.Passed ? [] : c.Missing.Where(m => !Blank(m)).ToList(), c.Note, ch.Now, ch.By));
        if (c.Passed)
        {
            ch.StartDeadline(DeadlineStep.Forwarding, null, s.WindowUnitId, ch.Context.Limits.Forwarding);
            TryForward(ch);
        }
        return null;
    }

    private static Refusal? Supplement(Changes ch, ProvideSupplement c)
    {
        var s = ch.State;
        if (s.Status is not (CaseStatus.SupplementRequested or CaseStatus.Returned)) return Illegal(s, "supplement");
        if (c.Materials.Count == 0 || c.Materials.Any(m => Blank(m.Name)))
            return Refusal.Invalid("materials", "List the materials handed in, each with its name.");

        if (s.Status == CaseStatus.Returned)
        {
            ch.Emit(new SupplementProvided(c.Materials, ch.Now, ch.By));
            Forward(ch, s.Legs.Where(l => l.Status == LegStatus.Returned).ToList());
            return null;
        }
        var paused = ch.PausedWorkingDays();
        ch.Emit(new SupplementProvided(c.Materials, ch.Now, ch.By));
        ch.Shift(paused);
        ch.StartDeadline(DeadlineStep.FormReview, null, s.WindowUnitId, ch.Context.Limits.SupplementNotice);
        return null;
    }

    private static Refusal? VerifyIdentity(Changes ch, VerifyIdentity c)
    {
        var s = ch.State;
        if (s.Status is not (CaseStatus.Received or CaseStatus.SupplementRequested) || s.IdentityPassed == true)
            return Illegal(s, "identity-verification");
        ch.Emit(new IdentityVerified(c.Method, c.Passed, ch.Now, ch.By));
        TryForward(ch);
        return null;
    }

    private static Refusal? RefuseCase(Changes ch, RefuseCase c)
    {
        var s = ch.State;
        if (s.Status is not (CaseStatus.Received or CaseStatus.SupplementRequested or CaseStatus.Returned))
            return Illegal(s, "not-accepted");
        if (Blank(c.Reason)) return Refusal.Invalid("reason", "Say why the application is not accepted (不予受理理由).");
        // A refusal is the answer the form review owed: it meets that deadline; nothing else runs on.
        ch.Meet(DeadlineStep.FormReview);
        ch.Emit(new CaseNotAccepted(c.Reason, ch.Now, ch.By));
        ch.CancelOpenDeadlines();
        return null;
    }

    /// <summary>Form review and identity both passed: the case goes to its first legs by itself.</summary>
    private static void TryForward(Changes ch)
    {
        var s = ch.State;
        if (s.Status != CaseStatus.Received || s.FormPassed != true || s.IdentityPassed != true) return;
        ch.Meet(DeadlineStep.Forwarding);
        Forward(ch, FirstOrder(s));
        StartOriginalsMailing(ch);
    }

    private static void StartOriginalsMailing(Changes ch)
    {
        var s = ch.State;
        if (!s.NeedsOriginals || s.OriginalsReceived) return;
        var sender = s.WindowUnitId;
        ch.StartDeadline(DeadlineStep.OriginalsMailing, null, sender, ch.Context.Limits.OriginalsMailing);
    }

    private static IReadOnlyList<Leg> FirstOrder(CaseState s)
    {
        var first = s.Legs.Min(l => l.Order);
        return s.Legs.Where(l => l.Order == first).ToList();
    }

    private static void Forward(Changes ch, IReadOnlyList<Leg> legs)
    {
        if (legs.Count == 0) return;
        ch.Emit(new LegsForwarded(legs.Select(l => l.LegId).ToList(), ch.Now, ch.By));
        foreach (var leg in legs)
            ch.StartDeadline(DeadlineStep.Acceptance, leg.LegId, leg.UnitId, ch.Context.Limits.Acceptance);
    }
}
