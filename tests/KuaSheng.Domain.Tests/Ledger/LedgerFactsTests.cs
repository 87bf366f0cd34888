using CsCheck;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Ledger;
using KuaSheng.Domain.Tests.Cases;
using static KuaSheng.Domain.Tests.Cases.CaseScenario;

namespace KuaSheng.Domain.Tests.Ledger;

/// <summary>Which unit each figure counts for (LedgerFacts), and how the report sums them (LedgerReport).</summary>
public class LedgerFactsTests
{
    private static CaseScenario NewScenario() => new(TestCalendar.Official, new DateTimeOffset(2026, 3, 2, 9, 0, 0, CaseContext.ChinaOffset));

    private static List<(string Unit, LedgerFigure Figure)> Facts(CaseScenario sc) =>
        [.. LedgerFactInvariants.FactsOf(sc.Events).Select(f => (f.UnitId, f.Figure))];

    [Fact]
    public void A_proxy_case_counts_window_steps_for_the_window_and_leg_steps_for_the_home_unit()
    {
        var sc = NewScenario();
        sc.Do(Submission([Leg("leg1", "qj-notary")], originals: true));
        sc.Do(new ReviewForm(true, [], null, Window));
        sc.Do(new VerifyIdentity(IdentityMethod.Face, true, Window));
        sc.Do(new RegisterMailing("m1", MailingPurpose.Originals, "EMS", "EA123456785CN", Window));
        sc.Do(new RecordCarrierEvent("EA123456785CN", CarrierStatus.Signed, sc.Now.AddHours(20), "李四", Carrier));
        sc.Do(new RecordCarrierEvent("EA123456785CN", CarrierStatus.Signed, sc.Now.AddHours(21), "李四", Carrier)); // again, later
        sc.Do(new DecideAcceptance("leg1", true, null, Officer("qj-notary")));
        sc.Do(new DecideLeg("leg1", DecisionOutcome.Approved, null, new ResultDocument("t", "n", null), Officer("qj-notary")));
        sc.Do(new DeliverResult(DeliveryMethod.Pickup, null, null, null, null, Window));
        sc.Do(new ConfirmResultCollected(Window));

        var facts = Facts(sc);
        Assert.Equal(
            [
                ("qj-window", LedgerFigure.Opened), ("qj-notary", LedgerFigure.Opened),
                ("qj-window", LedgerFigure.Received), ("qj-window", LedgerFigure.ReceivedForOthers), ("qj-notary", LedgerFigure.ReceivedByOthers),
                ("qj-window", LedgerFigure.Forwarded), ("qj-window", LedgerFigure.MailingSent), ("qj-window", LedgerFigure.MailingSigned),
                ("qj-notary", LedgerFigure.Accepted), ("qj-notary", LedgerFigure.Approved),
                ("qj-window", LedgerFigure.Completed), ("qj-notary", LedgerFigure.Completed),
                ("qj-window", LedgerFigure.Closed), ("qj-notary", LedgerFigure.Closed),
            ],
            facts);
    }

    [Fact]
    public void An_online_case_is_received_by_its_unit_and_nobody_receives_for_others()
    {
        var sc = NewScenario();
        sc.Do(Submission([Leg("leg1", "qj-hrss")], channel: Channel.Online, mode: HandlingMode.Online));
        Assert.Equal([("qj-hrss", LedgerFigure.Opened), ("qj-hrss", LedgerFigure.Received), ("qj-hrss", LedgerFigure.Forwarded)], Facts(sc));
    }

    [Fact]
    public void A_missed_deadline_counts_for_the_deadlines_unit_once()
    {
        var sc = NewScenario();
        sc.Do(Submission([Leg("leg1", "qj-notary")]));
        sc.Do(new ReviewForm(true, [], null, Window));
        sc.Do(new VerifyIdentity(IdentityMethod.Face, true, Window));
        var acceptance = sc.OpenDeadline(DeadlineStep.Acceptance, "leg1");
        sc.At(acceptance.Due.AddDays(1));
        sc.Do(new MarkDeadlineMissed(acceptance.DeadlineId, CommandActor.System));
        Assert.Equal([("qj-notary", LedgerFigure.Overdue)], Facts(sc).Where(f => f.Figure == LedgerFigure.Overdue));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(40, false)]
    public void A_rectification_counts_in_time_only_on_or_before_its_due_day(int daysLater, bool inTime)
    {
        var sc = NewScenario();
        sc.Do(Submission([Leg("leg1", "qj-notary")]));
        sc.Do(new ReviewForm(true, [], null, Window));
        sc.Do(new VerifyIdentity(IdentityMethod.Face, true, Window));
        sc.Do(new DecideAcceptance("leg1", true, null, Officer("qj-notary")));
        sc.Do(new DecideLeg("leg1", DecisionOutcome.Approved, null, new ResultDocument("t", "n", null), Officer("qj-notary")));
        sc.Do(new DeliverResult(DeliveryMethod.Pickup, null, null, null, null, Window));
        sc.Do(new ConfirmResultCollected(Window));
        sc.Do(new Rate(RatingLevel.Dissatisfied, "慢", "window", ApplicantActor));
        sc.Now = sc.Now.AddDays(daysLater);
        sc.Do(new RecordRectification("已整改", Officer("qj-window")));
        var facts = Facts(sc);
        Assert.Contains(("qj-window", LedgerFigure.RatedDissatisfied), facts);
        Assert.Contains(("qj-window", LedgerFigure.BadRating), facts);
        Assert.Contains(("qj-window", LedgerFigure.Rectified), facts);
        Assert.Equal(inTime, facts.Contains(("qj-window", LedgerFigure.RectifiedInTime)));
    }

    [Fact]
    public void A_month_is_china_time_and_parsing_is_strict()
    {
        Assert.True(LedgerMonth.TryParse("2026-10", out var month));
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero), month.Start.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, CaseContext.ChinaOffset), month.End);
        Assert.Equal("2026-10", month.ToString());
        Assert.All(new[] { "2026-13", "2026-1", "26-10", "2026/10", "2026-00", "", "2026-10-01", "abcd-ef", "+026-10" },
            bad => Assert.False(LedgerMonth.TryParse(bad, out _), bad));
    }

    private static readonly string[] Units = ["u-a", "u-b", "u-c"];
    private static readonly string?[] Items = ["1-1", "1-6", null];

    private static readonly Gen<LedgerEntry> Entry =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 2], Gen.Enum<HandlingMode>(), Gen.Enum<LedgerFigure>(), Gen.Long[0, 50], Gen.Long[0, 200])
            .Select((u, i, mode, figure, n, days) => new LedgerEntry(Units[u], Items[i], Items[i] is null ? null : mode,
                LedgerCounts.Of(figure, n) + new LedgerCounts { CompletionWorkingDays = figure == LedgerFigure.Completed ? days : 0 }));

    [Fact]
    public void The_report_sums_item_rows_into_unit_subtotals_and_one_total_whatever_the_entries()
    {
        Gen.Select(Entry.List[0, 40], Gen.Int[0, 3]).Sample((entries, extra) =>
        {
            var month = new LedgerMonth(2026, 10);
            var wanted = Units.Take(extra).ToList();
            var report = LedgerReport.Build(month, entries, wanted, u => "名" + u, i => "项" + i);
            var total = Assert.Single(report.Rows, r => r.Level == LedgerRowLevel.Total);
            Assert.Same(total, report.Rows[^1]);
            var items = report.Rows.Where(r => r.Level == LedgerRowLevel.Item).ToList();
            Assert.Equal(entries.Aggregate(LedgerCounts.Zero, (s, e) => s + e.Counts), total.Counts);
            Assert.Equal(items.Aggregate(LedgerCounts.Zero, (s, r) => s + r.Counts), total.Counts);
            foreach (var unit in report.Rows.Where(r => r.Level == LedgerRowLevel.Unit))
                Assert.Equal(items.Where(r => r.UnitId == unit.UnitId).Aggregate(LedgerCounts.Zero, (s, r) => s + r.Counts), unit.Counts);
            // One subtotal per unit with figures or asked for, each right after its item rows; no all-zero item row.
            var units = entries.Where(e => e.Counts != LedgerCounts.Zero).Select(e => e.UnitId).Concat(wanted).Distinct().Order().ToList();
            Assert.Equal(units, report.Rows.Where(r => r.Level == LedgerRowLevel.Unit).Select(r => r.UnitId!));
            Assert.DoesNotContain(items, r => r.Counts == LedgerCounts.Zero);
            for (var i = 0; i < report.Rows.Count - 1; i++)
                if (report.Rows[i].Level == LedgerRowLevel.Item)
                    Assert.Equal(report.Rows[i].UnitId, report.Rows.Skip(i).First(r => r.Level == LedgerRowLevel.Unit).UnitId);
        });
    }
}
