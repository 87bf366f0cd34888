using KuaSheng.Domain.Calendar;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Domain.Cases;

/// <summary>What a decision may read besides the case: the time (from the node's clock), the working-day
/// calendar and the time limits in force.</summary>
public sealed record CaseContext(DateTimeOffset Now, IWorkingCalendar Calendar, TimeLimits Limits)
{
    /// <summary>China Standard Time: deadlines are counted in Beijing dates whatever the server's zone.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public DateOnly Today => ChinaDate(Now);

    /// <summary>The Beijing date of an instant.</summary>
    public static DateOnly ChinaDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ChinaOffset).DateTime);
}
