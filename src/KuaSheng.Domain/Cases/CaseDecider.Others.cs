using KuaSheng.Domain.Calendar;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Domain.Cases;

public static partial class CaseDecider
{
    // ---- 撤回, 特别程序, 好差评, 整改, 超期 ------------------------------------------------------------------

    private static Refusal? Withdraw(Changes ch, Withdraw c)
    {
        var s = ch.State;
        if (!s.Status.IsBeforeDecision()) return Illegal(s, "withdrawal");
        if (Blank(c.Reason)) return Refusal.Invalid("reason", "Say why the application is withdrawn.");
        ch.Emit(new CaseWithdrawn(c.Reason, ch.Now, ch.By));
        ch.CancelOpenDeadlines();
        return null;
    }

    private static Refusal? Suspend(Changes ch, Suspend c)
    {
        var s = ch.State;
        if (Blank(c.Reason)) return Refusal.Invalid("reason", "Say why the procedure is needed.");
        if (c.Kind == SuspensionKind.Extension) return Extend(ch, c);
        if (s.Status is not (CaseStatus.Forwarded or CaseStatus.Accepted)) return Illegal(s, "suspension");
        if (c.WorkingDays is < 1) return Refusal.Invalid("workingDays", "The expected duration is at least one working day.");
        ch.Emit(new CaseSuspended(c.Reason, c.WorkingDays, ch.Now, ch.By));
        return null;
    }

    /// <summary>延长审批 (art. 42): once per case, at most 10 working days (15 for joint handling); the decision
    /// deadlines move, the clock keeps running.</summary>
    private static Refusal? Extend(Changes ch, Suspend c)
    {
        var s = ch.State;
        if (s.Status is not (CaseStatus.Accepted or CaseStatus.Forwarded or CaseStatus.Suspended)) return Illegal(s, "extension");
        if (s.ExtensionDays > 0) return Refusal.Conflict("This case already had its extension (延长审批 is granted once).");
        var max = s.Item.Joint ? ch.Context.Limits.JointExtension : ch.Context.Limits.Extension;
        var days = c.WorkingDays ?? max;
        if (days < 1 || days > max) return Refusal.Invalid("workingDays", $"An extension is 1 to {max} working days.");
        if (!s.Deadlines.Any(d => d.IsOpen && d.Step == DeadlineStep.Decision))
            return new Refusal(RefusalCodes.IllegalTransition, "No decision is running: extend after a unit has accepted the case.");
        ch.Emit(new ExtensionGranted(c.Reason, days, ch.Now, ch.By));
        ch.Shift(days, d => d.Step == DeadlineStep.Decision);
        return null;
    }

    private static Refusal? Resume(Changes ch, Resume c)
    {
        var s = ch.State;
        if (s.Status != CaseStatus.Suspended) return Illegal(s, "resumption");
        var paused = ch.PausedWorkingDays();
        ch.Emit(new CaseResumed(ch.Now, ch.By));
        ch.Shift(paused);
        return null;
    }

    private static Refusal? Rate(Changes ch, Rate c)
    {
        var s = ch.State;
        if (s.Status is not (CaseStatus.Completed or CaseStatus.NotAccepted)) return Illegal(s, "rating");
        if (s.Rating is not null) return Refusal.Conflict("This case has already been rated: one rating per case.");
        if (c.Level.IsBad() && Blank(c.Comment))
            return Refusal.Invalid("comment", "A dissatisfied rating (差评) needs a comment saying what went wrong.");

        var rated = RatedUnit(s);
        ch.Emit(new CaseRated(c.Level, c.Comment, c.Channel, rated, ch.Now, ch.By));
        if (c.Level.IsBad())
        {
            ch.Emit(new RectificationOpened(rated, ch.Now, ch.By));
            ch.StartDeadline(DeadlineStep.Rectification, null, rated, ch.Context.Limits.Rectification);
        }
        return null;
    }

    /// <summary>The unit the applicant dealt with: the one that received the case.</summary>
    private static string RatedUnit(CaseState s) => s.WindowUnitId;

    private static Refusal? Rectify(Changes ch, RecordRectification c)
    {
        var s = ch.State;
        if (s.Rectification is not { DoneAt: null }) return new Refusal(RefusalCodes.IllegalTransition, "No open rectification on this case.");
        if (Blank(c.Note)) return Refusal.Invalid("note", "Describe the rectification and the follow-up (回访).");
        ch.Emit(new RectificationRecorded(c.Note, ch.Now, ch.By));
        ch.Meet(DeadlineStep.Rectification);
        return null;
    }

    /// <summary>A calendar year was loaded: the open deadlines that run into it are counted again (see <see cref="DeadlineRecount"/>).</summary>
    private static Refusal? Recount(Changes ch, RecountDeadlines c)
    {
        YearCalendar year;
        try
        {
            year = new YearCalendar(c.Year, c.Holidays, c.Workdays);
        }
        catch (CalendarDataException e)
        {
            return Refusal.Invalid("calendar", string.Join(" ", e.Problems));
        }
        var moved = DeadlineRecount.Recount(ch.State.Deadlines, year, ch.Context.Calendar);
        if (moved.Count > 0) ch.Emit(new DeadlinesShifted(moved, ch.Now, ch.By, DeadlineRecount.Reason(c.Year)));
        return null;
    }

    /// <summary>超期: recorded once, only after the due day, never while the clock is stopped.</summary>
    private static Refusal? MarkMissed(Changes ch, MarkDeadlineMissed c)
    {
        var s = ch.State;
        if (s.Deadlines.Find(d => d.DeadlineId == c.DeadlineId) is not { } deadline) return Refusal.NotFound($"Deadline {c.DeadlineId}");
        if (!deadline.IsOpen || deadline.MissedAt is not null || s.ClockPausedSince is not null) return null;
        if (ch.Context.Today <= deadline.Due)
            return new Refusal(RefusalCodes.IllegalTransition, $"Deadline {c.DeadlineId} is due {deadline.Due:yyyy-MM-dd}; it has not passed.");
        ch.Emit(new DeadlineMissed(deadline.DeadlineId, ch.Now, ch.By));
        return null;
    }
}
