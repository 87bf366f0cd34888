using CsCheck;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Routing;
using static KuaSheng.Domain.Tests.Cases.CaseScenario;

namespace KuaSheng.Domain.Tests.Cases;

/// <summary>
/// Random command sequences against random plans: every command gets events or a refusal (never an exception),
/// a refusal changes nothing, and after every step the state is valid and equals the fold of its events.
/// </summary>
public class CaseStateMachineProperties
{
    private static readonly string[] Units = ["u-a", "u-b", "u-c"];

    private static IReadOnlyList<Leg> PlanFor(int kind) => kind switch
    {
        0 => [Leg("leg1", "u-a")],
        1 => [Leg("leg1", "u-a", LegRole.PreliminaryReview, 1), Leg("leg2", "u-b", LegRole.FinalReview, 2)],
        _ => [Leg("leg1", "u-a"), Leg("leg2", "u-b", LegRole.JointReview), Leg("leg3", "u-c", LegRole.JointReview, 2)],
    };

    private static readonly Gen<(int Kind, int A, int B, bool Flag, int Hours)> Step =
        Gen.Select(Gen.Int[0, 19], Gen.Int[0, 3], Gen.Int[0, 4], Gen.Bool, Gen.Int[0, 60]);

    private static readonly Gen<(int Plan, bool Originals, bool Online, int HappyPrefix, (int Kind, int A, int B, bool Flag, int Hours)[] Steps)> Scenario =
        Gen.Select(Gen.Int[0, 2], Gen.Bool, Gen.Bool, Gen.Int[0, 14], Step.Array[1, 60]);

    /// <summary>The next step of a successful case from where it is, so that samples start deep in the machine
    /// (completed, rated, rectified) as often as at its start; the random steps then go anywhere from there.</summary>
    private static CaseCommand? HappyStep(CaseState s)
    {
        var forwarded = s.Legs.FirstOrDefault(l => l.Status == LegStatus.Forwarded);
        var accepted = s.Legs.FirstOrDefault(l => l.Status == LegStatus.Accepted);
        return s.Status switch
        {
            CaseStatus.Received when s.FormPassed != true => new ReviewForm(true, [], null, Window),
            CaseStatus.Received => new VerifyIdentity(IdentityMethod.Face, true, Window),
            CaseStatus.Forwarded or CaseStatus.Accepted when forwarded is not null => new DecideAcceptance(forwarded.LegId, true, null, Officer(forwarded.UnitId)),
            CaseStatus.Forwarded or CaseStatus.Accepted when s.NeedsOriginals && !s.OriginalsReceived => new ReceiveOriginals(Officer("u-a")),
            CaseStatus.Forwarded or CaseStatus.Accepted when accepted is not null =>
                new DecideLeg(accepted.LegId, DecisionOutcome.Approved, null, new ResultDocument("决定书", "No.1", null), Officer(accepted.UnitId)),
            CaseStatus.Decided => new DeliverResult(DeliveryMethod.Pickup, null, null, null, null, Window),
            CaseStatus.Delivering => new ConfirmResultCollected(Window),
            CaseStatus.Completed when s.Rating is null => new Rate(RatingLevel.Dissatisfied, "慢", "window", ApplicantActor),
            CaseStatus.Completed when s.Rectification is { DoneAt: null } => new RecordRectification("已整改", Officer("qj-window")),
            _ => null,
        };
    }

    private static CaseCommand ToCommand((int Kind, int A, int B, bool Flag, int Hours) s, CaseState state)
    {
        var legId = s.A < 3 ? $"leg{s.A + 1}" : "leg-x";
        var unit = Units[Math.Min(s.A, 2)];
        var officer = Officer(unit);
        var waybills = new[] { "EA123456785CN", "1234567890123", "RR000000000CN" };
        var waybill = waybills[s.B % 3];
        var deadlineId = state.Deadlines.Count == 0 ? "dl1" : state.Deadlines[s.B % state.Deadlines.Count].DeadlineId;
        return s.Kind switch
        {
            0 => new ReviewForm(s.Flag, s.Flag ? [] : s.B == 0 ? [] : ["户口簿"], null, Window),
            1 => new ProvideSupplement(s.B == 0 ? [] : [new Material("补正材料", false)], Window),
            2 => new VerifyIdentity((IdentityMethod)(s.B % 3), s.Flag || s.B > 0, Window),
            3 => new RefuseCase(s.Flag ? "材料不符" : "", Window),
            4 or 5 => new DecideAcceptance(legId, s.Flag || s.B > 2, s.B == 1 ? null : "退回理由", officer),
            6 or 7 => new DecideLeg(legId, s.Flag || s.B > 1 ? DecisionOutcome.Approved : DecisionOutcome.Denied,
                s.B == 0 ? null : "理由", s.B == 4 ? null : new ResultDocument("决定书", "No.1", null), officer),
            8 => new RegisterMailing($"m{s.B}", s.Flag ? MailingPurpose.Originals : MailingPurpose.Result, s.B == 0 ? "" : "EMS", waybill, Window),
            9 or 10 => new RecordCarrierEvent(waybill, (CarrierStatus)(s.B % 7), DateTimeOffset.UnixEpoch.AddHours(s.Hours), "签收人", Carrier),
            11 => new ReceiveOriginals(officer),
            12 => new DeliverResult((DeliveryMethod)(s.B % 3), s.B % 3 == 0 ? waybill : null, "EMS", s.Flag ? "https://example.invalid/r" : null, null, officer),
            13 => new ConfirmResultCollected(Window),
            14 => new Withdraw(s.Flag ? "不需要了" : "", ApplicantActor),
            15 => new Suspend(s.Flag ? SuspensionKind.Other : SuspensionKind.Extension, "专家评审", s.B == 0 ? null : s.B * 4, officer),
            16 => new Resume(officer),
            17 => new Rate((RatingLevel)s.B, s.Flag ? "评价" : null, "online", ApplicantActor),
            18 => new RecordRectification(s.Flag ? "已整改" : "", officer),
            _ => new MarkDeadlineMissed(deadlineId, CommandActor.System),
        };
    }

    [Fact]
    public void Random_command_sequences_keep_the_case_valid()
    {
        var reached = new System.Collections.Concurrent.ConcurrentDictionary<CaseStatus, int>();
        Scenario.Sample(sample =>
        {
            var sc = new CaseScenario(TestCalendar.Official, new DateTimeOffset(2026, 9, 28, 9, 0, 0, CaseContext.ChinaOffset));
            var mode = sample.Online ? HandlingMode.Online : HandlingMode.Proxy;
            sc.Do(Submission(PlanFor(sample.Plan), sample.Originals, sample.Online ? Channel.Online : Channel.Window, mode));
            for (var i = 0; i < sample.HappyPrefix && HappyStep(sc.State!) is { } next; i++)
            {
                var before = sc.State!;
                sc.Do(next);
                CaseInvariants.Check(before, sc.State!, sc.Events);
                reached.AddOrUpdate(sc.State!.Status, 1, (_, n) => n + 1);
            }
            foreach (var step in sample.Steps)
            {
                sc.Now = sc.Now.AddHours(step.Hours);
                var before = sc.State!;
                var command = ToCommand(step, before);
                var decision = CaseDecider.Decide(before, command, sc.Context);
                if (decision.Refusal is not null)
                {
                    Assert.Empty(decision.Events);
                    Assert.False(string.IsNullOrWhiteSpace(decision.Refusal.Message));
                    continue;
                }
                sc.Do(command); // replays the same decision through the scenario, which checks state == fold(events)
                CaseInvariants.Check(before, sc.State!, sc.Events);
                reached.AddOrUpdate(sc.State!.Status, 1, (_, n) => n + 1);
            }
        }, iter: 3000);
        // The generator must drive cases through the whole machine, or the property proves little.
        Assert.All(Enum.GetValues<CaseStatus>(), status => Assert.True(reached.ContainsKey(status), $"no sample reached {status}"));
    }
}
