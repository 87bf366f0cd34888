using CsCheck;
using KuaSheng.Domain.Calendar;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using static KuaSheng.Domain.Tests.Cases.CaseScenario;

namespace KuaSheng.Domain.Tests.Cases;

/// <summary>Loading a year counts the open deadlines that run into it again, from their start days.</summary>
public class DeadlineRecountTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Official;

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    // A 2027 as the State Council might publish it: 元旦 Fri 1 - Sun 3 Jan; 春节 Thu 4 - Fri 12 Feb (9 days), with
    // Saturdays 30 Jan and 13 Feb worked.
    private static readonly YearCalendar Year2027 = new(2027,
        Enumerable.Range(1, 3).ToDictionary(d => D(2027, 1, d), _ => "元旦")
            .Concat(Enumerable.Range(4, 9).ToDictionary(d => D(2027, 2, d), _ => "春节")).ToDictionary(),
        new Dictionary<DateOnly, string> { [D(2027, 1, 30)] = "春节", [D(2027, 2, 13)] = "春节" });

    private static Deadline Counted(string id, DateOnly start, int workingDays, IWorkingCalendar calendar)
    {
        var due = calendar.AddWorkingDays(start, workingDays);
        return new Deadline(id, DeadlineStep.Decision, "leg1", "u1", start, due.Due, due.Provisional, WorkingDays: workingDays);
    }

    [Fact]
    public void A_provisional_deadline_into_the_loaded_year_is_counted_again_from_its_start()
    {
        var d = Counted("dl1", D(2027, 1, 20), 20, Calendar);
        Assert.True(d.Provisional);
        var loaded = Calendar.WithYear(Year2027);
        Assert.NotEqual(loaded.AddWorkingDays(d.Start, 20).Due, d.Due);   // the published 春节 is longer than the statutory one

        var moved = DeadlineRecount.Recount([d], Year2027, Calendar);

        Assert.Equal([new ShiftedDeadline("dl1", loaded.AddWorkingDays(d.Start, 20).Due, Provisional: false, 20)], moved);
    }

    [Fact]
    public void Every_open_deadline_equals_its_count_with_the_new_calendar_and_a_second_recount_moves_nothing()
    {
        Gen.Select(Gen.Int[0, 500], Gen.Int[0, 60], Gen.Int[0, 3]).Sample((startOffset, workingDays, kind) =>
        {
            var start = D(2026, 6, 1).AddDays(startOffset);
            var counted = Counted("dl1", start, workingDays, Calendar);
            var d = kind switch
            {
                1 => counted with { MetAt = DateTimeOffset.UnixEpoch },
                2 => counted with { MissedAt = DateTimeOffset.UnixEpoch },
                _ => counted,
            };
            var moved = DeadlineRecount.Recount([d], Year2027, Calendar);
            var after = Calendar.WithYear(Year2027).AddWorkingDays(start, workingDays);

            if (kind is 1 or 2) Assert.Empty(moved);   // met or missed: its history stands
            else if (after != new DueDate(d.Due, d.Provisional)) Assert.Equal([new ShiftedDeadline("dl1", after.Due, after.Provisional, workingDays)], moved);
            else Assert.Empty(moved);

            var recounted = moved.Count == 0 ? d : d with { Due = moved[0].Due, Provisional = moved[0].Provisional };
            Assert.Empty(DeadlineRecount.Recount([recounted], Year2027, Calendar.WithYear(Year2027)));
        }, iter: 2000);
    }

    [Fact]
    public void A_deadline_that_does_not_reach_the_year_stays()
    {
        var before = Counted("dl1", D(2026, 11, 2), 20, Calendar);        // due in November/December 2026
        var fromLastDay = Counted("dl2", D(2027, 12, 31), 3, Calendar);   // counting starts in 2028
        Assert.False(DeadlineRecount.RunsInto(before, 2027));
        Assert.False(DeadlineRecount.RunsInto(fromLastDay, 2027));
        Assert.Empty(DeadlineRecount.Recount([before, fromLastDay], Year2027, Calendar));
    }

    [Fact]
    public void A_deadline_recorded_without_its_count_is_counted_as_it_was_provisionally()
    {
        var counted = Counted("dl1", D(2027, 1, 20), 20, Calendar);
        var legacy = counted with { WorkingDays = null };
        Assert.Equal(DeadlineRecount.Recount([counted], Year2027, Calendar), DeadlineRecount.Recount([legacy], Year2027, Calendar));
        // Also when the node already follows the new calendar.
        Assert.Equal(DeadlineRecount.Recount([counted], Year2027, Calendar), DeadlineRecount.Recount([legacy], Year2027, Calendar.WithYear(Year2027)));
    }

    [Fact]
    public void The_case_records_the_recount_once_with_its_reason_and_an_extension_counts_in()
    {
        // Monday 2026-12-07: a 20-working-day decision deadline runs into 2027.
        var sc = new CaseScenario(Calendar, new DateTimeOffset(2026, 12, 7, 9, 0, 0, CaseContext.ChinaOffset));
        sc.Do(Submission([Leg("leg1", "ext-tongzi-hrss")]));
        sc.Do(new ReviewForm(true, [], null, Window));
        sc.Do(new VerifyIdentity(IdentityMethod.Face, true, Window));
        sc.Do(new DecideAcceptance("leg1", true, null, Officer("ext-tongzi-hrss")));
        sc.Do(new Suspend(SuspensionKind.Extension, "情况复杂", 10, Officer("ext-tongzi-hrss")));
        var decision = sc.OpenDeadline(DeadlineStep.Decision, "leg1");
        Assert.True(decision.Provisional);
        Assert.Equal(30, decision.WorkingDays);

        var command = new RecountDeadlines(2027, Year2027.Holidays, Year2027.Workdays, new CommandActor("operator", "op-1", null));
        var events = sc.Do(command);

        var shifted = Assert.IsType<DeadlinesShifted>(Assert.Single(events));
        Assert.Equal("calendar 2027 loaded", shifted.Reason);
        var expected = Calendar.WithYear(Year2027).AddWorkingDays(decision.Start, 30);
        Assert.Equal((expected.Due, false), (sc.OpenDeadline(DeadlineStep.Decision, "leg1").Due, sc.OpenDeadline(DeadlineStep.Decision, "leg1").Provisional));
        Assert.Equal(("deadlines-recounted", "calendar 2027 loaded"), (sc.State!.Timeline[^1].Type, sc.State.Timeline[^1].Detail));
        // Once: the same load again changes nothing.
        Assert.Empty(sc.Do(command));
    }
}
