using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Domain.Cases;

/// <summary>Collects the events of one decision, applying each at once so that later rules see its effect.</summary>
internal sealed class Changes(CaseState state, CaseContext context, CommandActor by)
{
    private readonly List<CaseEvent> _events = [];

    public CaseState State { get; private set; } = state;
    public CaseContext Context { get; } = context;
    public DateTimeOffset Now => Context.Now;
    public string By { get; } = by.ToString();

    public static Changes Starting(CaseSubmitted submitted, CaseContext context, CommandActor by)
    {
        var changes = new Changes(CaseState.Start(submitted), context, by);
        changes._events.Add(submitted);
        return changes;
    }

    public void Emit(CaseEvent e)
    {
        _events.Add(e);
        State = State.Apply(e);
    }

    public CaseDecision Done() => new(_events, State, null);

    /// <summary>Starts a deadline of <paramref name="workingDays"/> from today.</summary>
    public void StartDeadline(DeadlineStep step, string? legId, string unitId, int workingDays)
    {
        var today = Context.Today;
        var due = Context.Calendar.AddWorkingDays(today, workingDays);
        var id = $"dl{State.Deadlines.Count + 1}";
        Emit(new DeadlineSet(new Deadline(id, step, legId, unitId, today, due.Due, due.Provisional, WorkingDays: workingDays), Now, By));
    }

    /// <summary>Marks the open deadlines of a step (and leg) as met.</summary>
    public void Meet(DeadlineStep step, string? legId = null)
    {
        foreach (var d in State.Deadlines.Where(d => d.IsOpen && d.Step == step && (legId is null || d.LegId == legId)).ToList())
            Emit(new DeadlineMet(d.DeadlineId, Now, By));
    }

    public void CancelOpenDeadlines(Func<Deadline, bool>? which = null)
    {
        var ids = State.Deadlines.Where(d => d.IsOpen && (which is null || which(d))).Select(d => d.DeadlineId).ToList();
        if (ids.Count > 0) Emit(new DeadlinesCancelled(ids, Now, By));
    }

    /// <summary>Moves open deadlines <paramref name="workingDays"/> later (after a pause or an extension).</summary>
    public void Shift(int workingDays, Func<Deadline, bool>? which = null)
    {
        if (workingDays <= 0) return;
        var moved = State.Deadlines.Where(d => d.IsOpen && (which is null || which(d)))
            .Select(d =>
            {
                var due = Context.Calendar.AddWorkingDays(d.Due, workingDays);
                return new ShiftedDeadline(d.DeadlineId, due.Due, due.Provisional || d.Provisional, d.WorkingDays + workingDays);
            })
            .ToList();
        if (moved.Count > 0) Emit(new DeadlinesShifted(moved, Now, By));
    }

    /// <summary>Working days the clock stood still, from the pause until today.</summary>
    public int PausedWorkingDays()
    {
        if (State.ClockPausedSince is not { } since) return 0;
        var from = CaseContext.ChinaDate(since);
        return Context.Calendar.WorkingDaysBetween(from, Context.Today);
    }
}
