using KuaSheng.Domain.Calendar;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Domain.Tests.Calendar;

/// <summary>Due states in working days of the official calendar (December 2026: Monday to Friday).</summary>
public class DueStatesTests
{
    private static DueState Of(string due, string today, bool missed = false) =>
        DueStates.Of(DateOnly.Parse(due), missed, DateOnly.Parse(today), WorkingCalendar.Official.WorkingDaysBetween);

    [Theory]
    [InlineData("2026-12-18", "2026-12-11", DueKind.OnTime, 5, 0)] // a week ahead: five working days left
    [InlineData("2026-12-18", "2026-12-16", DueKind.DueSoon, 2, 0)]
    [InlineData("2026-12-18", "2026-12-18", DueKind.DueSoon, 0, 0)] // the due day itself is not late
    [InlineData("2026-12-18", "2026-12-20", DueKind.DueSoon, 0, 0)] // due on a Friday, today Sunday: no working day over yet
    [InlineData("2026-12-18", "2026-12-21", DueKind.Overdue, 0, 1)]
    public void Due_states_count_working_days(string due, string today, DueKind kind, int left, int over)
    {
        Assert.Equal(new DueState(kind, left, over), Of(due, today));
    }

    [Fact]
    public void A_deadline_the_unit_marked_missed_is_overdue_whatever_the_count()
    {
        Assert.Equal(DueKind.Overdue, Of("2026-12-18", "2026-12-18", missed: true).Kind);
    }
}
