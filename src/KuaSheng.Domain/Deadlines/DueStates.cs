namespace KuaSheng.Domain.Deadlines;

/// <summary>Where an open deadline stands today: 超期 (overdue), 即将到期 (due soon) or in time.</summary>
public enum DueKind { OnTime, DueSoon, Overdue }

/// <param name="WorkingDaysLeft">Working days from today to the due day (0 on the due day and after).</param>
/// <param name="WorkingDaysOver">Working days from the due day to today (超期天数; 0 until the due day has passed).</param>
public sealed record DueState(DueKind Kind, int WorkingDaysLeft, int WorkingDaysOver);

/// <summary>
/// The due state of an open deadline, in working days of the calendar in force: overdue when the unit already marked it
/// missed or a working day has passed since the due day (due on a Friday and today Sunday is not overdue yet), due soon
/// when at most <see cref="SoonWithinWorkingDays"/> working days are left. One rule for the overdue lists of the API and
/// the console's worklists.
/// </summary>
public static class DueStates
{
    public const int SoonWithinWorkingDays = 2;

    public static bool IsOverdue(bool missed, int workingDaysOver) => missed || workingDaysOver > 0;

    /// <param name="workingDaysBetween">The calendar's count of working days after the first date up to the second.</param>
    public static DueState Of(DateOnly due, bool missed, DateOnly today, Func<DateOnly, DateOnly, int> workingDaysBetween)
    {
        var over = workingDaysBetween(due, today);
        var left = workingDaysBetween(today, due);
        var kind = IsOverdue(missed, over) ? DueKind.Overdue : left <= SoonWithinWorkingDays ? DueKind.DueSoon : DueKind.OnTime;
        return new DueState(kind, left, over);
    }
}
