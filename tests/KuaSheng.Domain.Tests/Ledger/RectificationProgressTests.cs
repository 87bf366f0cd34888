using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Domain.Tests.Ledger;

/// <summary>Where a rectification (差评整改) stands, as the console's 好差评 shows it: open until its due day, then overdue;
/// done in time as the ledger counts 按期整改, or late.</summary>
public class RectificationProgressTests
{
    [Fact]
    public void A_rectification_is_open_until_its_due_day_then_overdue_and_done_in_time_or_late()
    {
        var due = new DateOnly(2026, 12, 10);
        var open = new Deadline("dl9", DeadlineStep.Rectification, null, "qj-window", due.AddDays(-20), due, false);
        Assert.Equal(RectificationState.Open, RectificationProgress.Of(open, due));
        Assert.Equal(RectificationState.Overdue, RectificationProgress.Of(open, due.AddDays(1)));
        Assert.Equal(RectificationState.Overdue, RectificationProgress.Of(open with { MissedAt = DateTimeOffset.UnixEpoch }, due));
        var lastMinute = new DateTimeOffset(2026, 12, 10, 23, 0, 0, CaseContext.ChinaOffset);
        Assert.Equal(RectificationState.Rectified, RectificationProgress.Of(open with { MetAt = lastMinute }, due.AddDays(5)));
        Assert.Equal(RectificationState.RectifiedLate, RectificationProgress.Of(open with { MetAt = lastMinute.AddHours(2) }, due.AddDays(5)));
        Assert.Equal(RectificationState.RectifiedLate,
            RectificationProgress.Of(open with { MetAt = lastMinute, MissedAt = lastMinute.AddHours(-1) }, due.AddDays(5)));
        Assert.Equal(RectificationState.Cancelled, RectificationProgress.Of(open with { CancelledAt = lastMinute }, due));
    }
}
