namespace KuaSheng.Domain.Calendar;

/// <summary>
/// China's official working-day calendar (工作日): weekends and public holidays are off,
/// adjusted working days (调休) are on. Years the official data does not cover are counted with the
/// statutory holidays (全国年节及纪念日放假办法, no 调休) and flagged provisional.
/// </summary>
public interface IWorkingCalendar
{
    /// <summary>What kind of day <paramref name="date"/> is.</summary>
    DayInfo Day(DateOnly date);

    /// <summary>The Nth working day after <paramref name="from"/> (<paramref name="from"/> itself does not count).
    /// N = 0 answers <paramref name="from"/> itself.</summary>
    DueDate AddWorkingDays(DateOnly from, int workingDays);

    /// <summary>Working days in the half-open range (from, to]; 0 when to &lt;= from.</summary>
    int WorkingDaysBetween(DateOnly from, DateOnly to);

    /// <summary>This calendar with <paramref name="year"/>'s official data loaded (replacing any it had).</summary>
    IWorkingCalendar WithYear(YearCalendar year);

    /// <summary>This calendar without official data for <paramref name="year"/> (counted provisionally).</summary>
    IWorkingCalendar WithoutYear(int year);
}

/// <param name="Holiday">Name of the public holiday (e.g. 春节) when the day is one, else null.</param>
/// <param name="AdjustedWorkday">A weekend day made a working day (调休上班).</param>
/// <param name="Provisional">The official calendar does not cover this year yet.</param>
public sealed record DayInfo(DateOnly Date, bool WorkingDay, string? Holiday, bool AdjustedWorkday, bool Provisional);

/// <param name="Provisional">Counted across a year the official calendar does not cover yet.</param>
public sealed record DueDate(DateOnly Due, bool Provisional);
