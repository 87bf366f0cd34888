using KuaSheng.Domain.Calendar;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Domain.Deadlines;

/// <summary>
/// 重新计算期限: when the official calendar of a year is loaded, every open deadline whose working-day count runs into
/// that year is counted again from its start day with the new calendar. A deadline already met, missed (超期, its
/// history stands) or cancelled is left alone; so is one the new calendar does not change. Counting again gives the
/// same answer, so a repeated load moves nothing.
/// </summary>
public static class DeadlineRecount
{
    /// <summary>The deadline's count (its start day is not counted) reaches into <paramref name="year"/>.</summary>
    public static bool RunsInto(Deadline deadline, int year) =>
        deadline.Start < new DateOnly(year, 12, 31) && deadline.Due >= new DateOnly(year, 1, 1);

    /// <summary>The deadlines that move when <paramref name="year"/> is loaded into <paramref name="calendar"/> (the calendar
    /// in force, with or without the year already), with their new due days and working-day counts.</summary>
    public static IReadOnlyList<ShiftedDeadline> Recount(IEnumerable<Deadline> deadlines, YearCalendar year, IWorkingCalendar calendar)
    {
        var after = calendar.WithYear(year);
        IWorkingCalendar? before = null;   // only for deadlines recorded without their count
        var moved = new List<ShiftedDeadline>();
        foreach (var d in deadlines)
        {
            if (!d.IsOpen || d.MissedAt is not null || !RunsInto(d, year.Year)) continue;
            // A deadline recorded without its count was counted with the year still provisional.
            int workingDays = d.WorkingDays ?? (before ??= calendar.WithoutYear(year.Year)).WorkingDaysBetween(d.Start, d.Due);
            var due = after.AddWorkingDays(d.Start, workingDays);
            if (due.Due != d.Due || due.Provisional != d.Provisional)
                moved.Add(new ShiftedDeadline(d.DeadlineId, due.Due, due.Provisional, workingDays));
        }
        return moved;
    }

    /// <summary>The reason the deadlines shifted event gives.</summary>
    public static string Reason(int year) => $"calendar {year} loaded";
}
