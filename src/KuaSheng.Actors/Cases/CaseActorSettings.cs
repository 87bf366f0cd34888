using KuaSheng.Actors.Time;
using KuaSheng.Domain.Calendar;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Actors.Cases;

/// <summary>What a case entity needs besides its id: time, calendar, limits and the knobs of its lifecycle.</summary>
/// <param name="Calendar">Read on every command, so a calendar year loaded at run time applies at once.</param>
public sealed record CaseActorSettings(
    IClock Clock,
    Func<IWorkingCalendar> Calendar,
    TimeLimits Limits,
    int SnapshotEvery,
    TimeSpan PassivateAfter,
    TimeSpan RedeliveryInterval,
    TimeSpan AskTimeout);
