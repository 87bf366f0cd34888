using KuaSheng.Actors.Time;
using KuaSheng.Domain.Calendar;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Actors.Tickets;

/// <summary>What a ticket entity needs besides its id.</summary>
/// <param name="Calendar">Read on every command, so a calendar year loaded at run time applies at once.</param>
public sealed record TicketActorSettings(
    IClock Clock,
    Func<IWorkingCalendar> Calendar,
    TimeLimits Limits,
    TimeSpan PassivateAfter,
    TimeSpan RedeliveryInterval);
