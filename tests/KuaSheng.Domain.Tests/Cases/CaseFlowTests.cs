using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;
using static KuaSheng.Domain.Tests.Cases.CaseScenario;

namespace KuaSheng.Domain.Tests.Cases;

public class CaseFlowTests
{
    // Monday 2026-03-02, an ordinary working week.
    private static CaseScenario NewScenario() => new(TestCalendar.Official, new DateTimeOffset(2026, 3, 2, 9, 0, 0, CaseContext.ChinaOffset));

    private static CaseScenario ForwardedProxyCase(bool originals = false)
    {
        var sc = NewScenario();
        sc.Do(Submission([Leg("leg1", "ext-tongzi-hrss")], originals));
        sc.Do(new ReviewForm(true, [], null, Window));
        sc.Do(new VerifyIdentity(IdentityMethod.Face, true, Window));
        return sc;
    }

    [Fact]
    public void Proxy_case_goes_from_receipt_to_rating()
    {
        var sc = NewScenario();
        sc.Do(Submission([Leg("leg1", "ext-tongzi-hrss")]));
        Assert.Equal(CaseStatus.Received, sc.State!.Status);
        Assert.Equal(new DateOnly(2026, 3, 9), sc.OpenDeadline(DeadlineStep.FormReview).Due); // 5 working days

        sc.Do(new ReviewForm(true, [], null, Window));
        Assert.Equal(CaseStatus.Received, sc.State.Status); // identity still to verify
        sc.Do(new VerifyIdentity(IdentityMethod.Face, true, Window));
        Assert.Equal(CaseStatus.Forwarded, sc.State.Status); // forwarded by itself
        Assert.Equal(LegStatus.Forwarded, sc.LegOf("leg1").Status);
        Assert.Equal(new DateOnly(2026, 3, 4), sc.OpenDeadline(DeadlineStep.Acceptance, "leg1").Due);

        sc.Do(new DecideAcceptance("leg1", true, null, Officer("ext-tongzi-hrss")));
        Assert.Equal(CaseStatus.Accepted, sc.State.Status);
        sc.Do(new DecideLeg("leg1", DecisionOutcome.Approved, null, new ResultDocument("学历公证书", "(2026)黔桐证字第1号", null), Officer("ext-tongzi-hrss")));
        Assert.Equal(CaseStatus.Decided, sc.State.Status);
        Assert.Equal(DecisionOutcome.Approved, sc.State.Outcome);

        sc.Do(new DeliverResult(DeliveryMethod.Mail, "EA123456785CN", "EMS", null, null, Officer("ext-tongzi-hrss")));
        Assert.Equal(CaseStatus.Delivering, sc.State.Status);
        sc.Do(new RecordCarrierEvent("EA123456785CN", CarrierStatus.InTransit, sc.Now, null, Carrier));
        sc.Do(new RecordCarrierEvent("EA123456785CN", CarrierStatus.Signed, sc.Now.AddHours(30), "张三", Carrier));
        Assert.Equal(CaseStatus.Completed, sc.State.Status);
        Assert.All(sc.State.Deadlines, d => Assert.False(d.IsOpen));

        sc.Do(new Rate(RatingLevel.Satisfied, null, "window", ApplicantActor));
        Assert.Equal("qj-window", sc.State.Rating!.RatedUnitId);
        sc.Refused(new Rate(RatingLevel.VerySatisfied, null, "window", ApplicantActor), RefusalCodes.Conflict);
    }

    [Fact]
    public void Failed_form_review_requests_all_missing_materials_and_pauses_until_supplemented()
    {
        var sc = NewScenario();
        sc.Do(Submission([Leg("leg1", "qj-notary")]));
        sc.Refused(new ReviewForm(false, [], null, Window), RefusalCodes.ValidationFailed);
        sc.Do(new ReviewForm(false, ["学位证书", "户口簿"], "请一次补齐", Window));
        Assert.Equal(CaseStatus.SupplementRequested, sc.State!.Status);
        Assert.Equal(["学位证书", "户口簿"], sc.State.MissingMaterials);
        Assert.NotNull(sc.State.ClockPausedSince);
        sc.Refused(new ReviewForm(true, [], null, Window), RefusalCodes.IllegalTransition);

        sc.At(new DateOnly(2026, 3, 5));
        sc.Do(new ProvideSupplement([new Material("学位证书", false), new Material("户口簿", false)], Window));
        Assert.Equal(CaseStatus.Received, sc.State.Status);
        Assert.Null(sc.State.ClockPausedSince);
        Assert.Equal(new DateOnly(2026, 3, 12), sc.OpenDeadline(DeadlineStep.FormReview).Due);
        Assert.Equal(4, sc.State.Materials.Count);
    }

    [Fact]
    public void No_decision_before_the_originals_arrive_by_signed_mailing()
    {
        var sc = ForwardedProxyCase(originals: true);
        Assert.Equal(new DateOnly(2026, 3, 3), sc.OpenDeadline(DeadlineStep.OriginalsMailing).Due);
        sc.Do(new DecideAcceptance("leg1", true, null, Officer("ext-tongzi-hrss")));
        var refusal = sc.Refused(new DecideLeg("leg1", DecisionOutcome.Approved, null, new ResultDocument("证书", "1", null), Officer("ext-tongzi-hrss")),
            RefusalCodes.IllegalTransition);
        Assert.Contains("原件", refusal.Message);

        sc.Do(new RegisterMailing("m1", MailingPurpose.Originals, "EMS", "EA123456785CN", Window));
        Assert.Throws<InvalidOperationException>(() => sc.OpenDeadline(DeadlineStep.OriginalsMailing));
        sc.Refused(new RegisterMailing("m2", MailingPurpose.Originals, "EMS", "EA123456785CN", Window), RefusalCodes.Conflict);
        sc.Do(new RecordCarrierEvent("EA123456785CN", CarrierStatus.Signed, sc.Now.AddDays(2), "李四", Carrier));
        Assert.True(sc.State!.OriginalsReceived);

        sc.Do(new DecideLeg("leg1", DecisionOutcome.Approved, null, new ResultDocument("证书", "1", null), Officer("ext-tongzi-hrss")));
        Assert.Equal(CaseStatus.Decided, sc.State.Status);
    }

    [Fact]
    public void Two_level_review_forwards_the_final_leg_when_the_preliminary_one_is_approved()
    {
        var sc = NewScenario();
        sc.Do(Submission([Leg("leg1", "qj-justice", LegRole.PreliminaryReview, 1), Leg("leg2", "cq-justice", LegRole.FinalReview, 2)]));
        sc.Do(new ReviewForm(true, [], null, Window));
        sc.Do(new VerifyIdentity(IdentityMethod.Document, true, Window));
        Assert.Equal(LegStatus.Pending, sc.LegOf("leg2").Status);

        sc.Do(new DecideAcceptance("leg1", true, null, Officer("qj-justice")));
        Assert.Equal(new DateOnly(2026, 3, 30), sc.OpenDeadline(DeadlineStep.Decision, "leg1").Due); // 初审: 20 working days
        sc.Do(new DecideLeg("leg1", DecisionOutcome.Approved, "初审通过", null, Officer("qj-justice")));
        Assert.Equal(CaseStatus.Forwarded, sc.State!.Status);
        Assert.Equal(LegStatus.Forwarded, sc.LegOf("leg2").Status);

        sc.Do(new DecideAcceptance("leg2", true, null, Officer("cq-justice")));
        sc.Do(new DecideLeg("leg2", DecisionOutcome.Approved, null, new ResultDocument("法律职业资格证书", "A1", null), Officer("cq-justice")));
        Assert.Equal(CaseStatus.Decided, sc.State.Status);
        Assert.Equal(DecisionOutcome.Approved, sc.State.Outcome);
    }

    [Fact]
    public void One_denial_in_a_parallel_joint_review_denies_the_case_and_stops_the_other_leg()
    {
        var sc = NewScenario();
        sc.Do(Submission([Leg("leg1", "qj-civil"), Leg("leg2", "qj-disabled", LegRole.JointReview)]));
        sc.Do(new ReviewForm(true, [], null, Window));
        sc.Do(new VerifyIdentity(IdentityMethod.Face, true, Window));
        sc.Do(new DecideAcceptance("leg1", true, null, Officer("qj-civil")));
        Assert.Equal(CaseStatus.Forwarded, sc.State!.Status); // leg2 not yet accepted
        sc.Do(new DecideAcceptance("leg2", true, null, Officer("qj-disabled")));
        Assert.Equal(CaseStatus.Accepted, sc.State.Status);

        sc.Do(new DecideLeg("leg2", DecisionOutcome.Denied, "残疾等级不符", null, Officer("qj-disabled")));
        Assert.Equal(CaseStatus.Decided, sc.State.Status);
        Assert.Equal(DecisionOutcome.Denied, sc.State.Outcome);
        Assert.DoesNotContain(sc.State.Deadlines, d => d.IsOpen && d.Step == DeadlineStep.Decision);
        sc.Refused(new DecideLeg("leg1", DecisionOutcome.Approved, null, new ResultDocument("t", "n", null), Officer("qj-civil")),
            RefusalCodes.IllegalTransition);
    }

    [Fact]
    public void A_returned_leg_goes_out_again_after_a_supplement()
    {
        var sc = ForwardedProxyCase();
        sc.Refused(new DecideAcceptance("leg1", false, " ", Officer("ext-tongzi-hrss")), RefusalCodes.ValidationFailed);
        sc.Do(new DecideAcceptance("leg1", false, "缺少委托书", Officer("ext-tongzi-hrss")));
        Assert.Equal(CaseStatus.Returned, sc.State!.Status);
        sc.Do(new ProvideSupplement([new Material("委托书", false)], Window));
        Assert.Equal(CaseStatus.Forwarded, sc.State.Status);
        Assert.Equal(LegStatus.Forwarded, sc.LegOf("leg1").Status);
        Assert.Single(sc.State.Deadlines, d => d.IsOpen && d.Step == DeadlineStep.Acceptance);
    }

    [Fact]
    public void Suspension_stops_the_clock_and_resumption_moves_open_deadlines_by_the_working_days_paused()
    {
        var sc = ForwardedProxyCase();
        sc.Do(new DecideAcceptance("leg1", true, null, Officer("ext-tongzi-hrss")));
        var due = sc.OpenDeadline(DeadlineStep.Decision, "leg1").Due;
        sc.Do(new Suspend(SuspensionKind.Other, "专家评审", 5, Officer("ext-tongzi-hrss")));
        Assert.Equal(CaseStatus.Suspended, sc.State!.Status);
        sc.Refused(new Suspend(SuspensionKind.Other, "again", null, Officer("ext-tongzi-hrss")), RefusalCodes.IllegalTransition);
        sc.Refused(new DecideLeg("leg1", DecisionOutcome.Approved, null, new ResultDocument("t", "n", null), Officer("ext-tongzi-hrss")),
            RefusalCodes.IllegalTransition);

        sc.At(new DateOnly(2026, 3, 9)); // Monday a week later: 5 working days paused
        sc.Do(new Resume(Officer("ext-tongzi-hrss")));
        Assert.Equal(CaseStatus.Accepted, sc.State.Status);
        Assert.Equal(sc.Calendar.AddWorkingDays(due, 5).Due, sc.OpenDeadline(DeadlineStep.Decision, "leg1").Due);
    }

    [Fact]
    public void An_extension_is_granted_once_and_moves_the_decision_deadline()
    {
        var sc = ForwardedProxyCase();
        sc.Refused(new Suspend(SuspensionKind.Extension, "复杂", 10, Officer("ext-tongzi-hrss")), RefusalCodes.IllegalTransition);
        sc.Do(new DecideAcceptance("leg1", true, null, Officer("ext-tongzi-hrss")));
        var due = sc.OpenDeadline(DeadlineStep.Decision, "leg1").Due;
        sc.Refused(new Suspend(SuspensionKind.Extension, "复杂", 11, Officer("ext-tongzi-hrss")), RefusalCodes.ValidationFailed);
        sc.Do(new Suspend(SuspensionKind.Extension, "情况复杂", null, Officer("ext-tongzi-hrss")));
        Assert.Equal(CaseStatus.Accepted, sc.State!.Status);
        Assert.Equal(sc.Calendar.AddWorkingDays(due, 10).Due, sc.OpenDeadline(DeadlineStep.Decision, "leg1").Due);
        sc.Refused(new Suspend(SuspensionKind.Extension, "again", 1, Officer("ext-tongzi-hrss")), RefusalCodes.Conflict);
    }

    [Fact]
    public void Withdrawal_is_possible_until_the_decision_and_cancels_running_deadlines()
    {
        var sc = ForwardedProxyCase();
        sc.Refused(new Withdraw("", ApplicantActor), RefusalCodes.ValidationFailed);
        sc.Do(new Withdraw("不再需要", ApplicantActor));
        Assert.Equal(CaseStatus.Withdrawn, sc.State!.Status);
        Assert.DoesNotContain(sc.State.Deadlines, d => d.IsOpen);
        sc.Refused(new Withdraw("again", ApplicantActor), RefusalCodes.IllegalTransition);
        sc.Refused(new DecideAcceptance("leg1", true, null, Officer("ext-tongzi-hrss")), RefusalCodes.IllegalTransition);
    }

    [Fact]
    public void A_bad_rating_needs_a_comment_and_opens_a_rectification_with_its_deadline()
    {
        var sc = ForwardedProxyCase();
        sc.Do(new DecideAcceptance("leg1", true, null, Officer("ext-tongzi-hrss")));
        sc.Do(new DecideLeg("leg1", DecisionOutcome.Approved, null, new ResultDocument("t", "n", null), Officer("ext-tongzi-hrss")));
        sc.Do(new DeliverResult(DeliveryMethod.Pickup, null, null, null, null, Window));
        sc.Refused(new RecordCarrierEvent("XX", CarrierStatus.Signed, sc.Now, null, Carrier), RefusalCodes.NotFound);
        sc.Do(new ConfirmResultCollected(Window));
        Assert.Equal(CaseStatus.Completed, sc.State!.Status);

        sc.Refused(new Rate(RatingLevel.VeryDissatisfied, "  ", "online", ApplicantActor), RefusalCodes.ValidationFailed);
        sc.Do(new Rate(RatingLevel.VeryDissatisfied, "等了很久", "online", ApplicantActor));
        Assert.Equal("qj-window", sc.State.Rectification!.UnitId);
        var rectification = sc.OpenDeadline(DeadlineStep.Rectification);
        Assert.Equal(sc.Calendar.AddWorkingDays(new DateOnly(2026, 3, 2), 15).Due, rectification.Due);
        sc.Do(new RecordRectification("已整改并回访", Officer("qj-window")));
        Assert.NotNull(sc.State.Rectification.DoneAt);
        sc.Refused(new RecordRectification("again", Officer("qj-window")), RefusalCodes.IllegalTransition);
    }

    [Fact]
    public void A_missed_deadline_is_recorded_once_and_only_after_its_due_day()
    {
        var sc = NewScenario();
        sc.Do(Submission([Leg("leg1", "qj-notary")]));
        var deadline = sc.OpenDeadline(DeadlineStep.FormReview);
        sc.At(deadline.Due);
        sc.Refused(new MarkDeadlineMissed(deadline.DeadlineId, CommandActor.System), RefusalCodes.IllegalTransition);
        sc.At(deadline.Due.AddDays(1));
        Assert.Single(sc.Do(new MarkDeadlineMissed(deadline.DeadlineId, CommandActor.System)));
        Assert.Empty(sc.Do(new MarkDeadlineMissed(deadline.DeadlineId, CommandActor.System)));
        Assert.NotNull(sc.State!.Deadlines.Single(d => d.DeadlineId == deadline.DeadlineId).MissedAt);
        // Still open: the step is late, not done; doing it later meets it.
        sc.Do(new ReviewForm(true, [], null, Window));
        Assert.NotNull(sc.State.Deadlines.Single(d => d.DeadlineId == deadline.DeadlineId).MetAt);
        sc.Refused(new MarkDeadlineMissed("nope", CommandActor.System), RefusalCodes.NotFound);
    }

    [Fact]
    public void Carrier_events_repeated_and_out_of_order_give_one_consistent_mailing()
    {
        var sc = ForwardedProxyCase(originals: true);
        sc.Do(new RegisterMailing("m1", MailingPurpose.Originals, "EMS", "EA123456785CN", Window));
        var t = sc.Now;
        sc.Do(new RecordCarrierEvent("EA123456785CN", CarrierStatus.Signed, t.AddHours(40), "李四", Carrier));
        sc.Do(new RecordCarrierEvent("EA123456785CN", CarrierStatus.InTransit, t.AddHours(10), null, Carrier));
        Assert.Empty(sc.Do(new RecordCarrierEvent("EA123456785CN", CarrierStatus.Signed, t.AddHours(40), "李四", Carrier)));
        sc.Do(new RecordCarrierEvent("EA123456785CN", CarrierStatus.PickedUp, t.AddHours(1), null, Carrier));
        var mailing = sc.State!.Mailings.Single();
        Assert.Equal(CarrierStatus.Signed, mailing.Status);
        Assert.Equal("李四", mailing.SignedBy);
        Assert.Equal([CarrierStatus.PickedUp, CarrierStatus.InTransit, CarrierStatus.Signed], mailing.Events.Select(e => e.Status));
        Assert.Single(sc.Events.OfType<OriginalsReceived>());
    }

    [Fact]
    public void An_online_case_goes_straight_to_its_unit()
    {
        var sc = NewScenario();
        sc.Do(Submission([Leg("leg1", "qj-hrss")], channel: Channel.Online, mode: HandlingMode.Online));
        Assert.Equal(CaseStatus.Forwarded, sc.State!.Status);
        Assert.Null(sc.State.ReceivingUnitId);
        sc.Refused(new ReviewForm(true, [], null, Window), RefusalCodes.IllegalTransition);
    }

    [Fact]
    public void A_mailed_result_that_was_returned_can_be_sent_again_under_a_new_waybill()
    {
        var sc = ForwardedProxyCase();
        sc.Do(new DecideAcceptance("leg1", true, null, Officer("ext-tongzi-hrss")));
        sc.Do(new DecideLeg("leg1", DecisionOutcome.Denied, "不符合条件", null, Officer("ext-tongzi-hrss")));
        sc.Do(new DeliverResult(DeliveryMethod.Mail, "EA123456785CN", "EMS", null, null, Window));
        sc.Refused(new DeliverResult(DeliveryMethod.Mail, "1234567890123", "EMS", null, null, Window), RefusalCodes.IllegalTransition);
        sc.Do(new RecordCarrierEvent("EA123456785CN", CarrierStatus.Returned, sc.Now.AddDays(3), null, Carrier));
        sc.Refused(new ConfirmResultCollected(Window), RefusalCodes.IllegalTransition);
        sc.Do(new DeliverResult(DeliveryMethod.Mail, "1234567890123", "EMS", null, null, Window));
        sc.Do(new RecordCarrierEvent("1234567890123", CarrierStatus.Signed, sc.Now.AddDays(5), "张三", Carrier));
        Assert.Equal(CaseStatus.Completed, sc.State!.Status);
        // Mailings whose sender named none are named after their waybills.
        Assert.Equal(["m-EA123456785CN", "m-1234567890123"], sc.State.Mailings.Select(m => m.MailingId));
    }

    [Fact]
    public void Commands_on_a_missing_case_are_refused_and_a_second_submission_conflicts()
    {
        var sc = NewScenario();
        sc.Refused(new ReviewForm(true, [], null, Window), RefusalCodes.NotFound);
        sc.Refused(Submission([]), RefusalCodes.NoRoute);
        sc.Refused(Submission([Leg("leg1", "qj-hrss")], joint: true), RefusalCodes.ValidationFailed);
        sc.Do(Submission([Leg("leg1", "qj-hrss")]));
        sc.Refused(Submission([Leg("leg1", "qj-hrss")]), RefusalCodes.Conflict);
    }
}
