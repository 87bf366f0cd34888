using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Routing;
using static KuaSheng.Domain.Tests.Cases.CaseScenario;

namespace KuaSheng.Domain.Tests.Access;

/// <summary>The one rule of who may take which step on a case: every kind of step × callers on each side of a joint
/// case received at qj-window, with leg1 at qj-hrss and leg2 at sc-pension.</summary>
public class CaseAccessTests
{
    private static readonly CaseState Case = Received(Leg("leg1", "qj-hrss"), Leg("leg2", "sc-pension", LegRole.TransferOut));

    private static Caller C(string role, params string[] units) => new(role, $"{role}-1", units);

    private static readonly Dictionary<string, Caller> Callers = new()
    {
        ["window"] = C(Roles.Window, "qj-window"),
        ["window-elsewhere"] = C(Roles.Window, "town-500110001"),
        ["officer-leg1"] = C(Roles.Officer, "qj-hrss"),
        ["officer-leg2"] = C(Roles.Officer, "sc-pension"),
        ["officer-of-the-window-unit"] = C(Roles.Officer, "qj-window"),
        ["integration-window"] = C(Roles.Integration, "qj-window"),
        ["integration-leg2"] = C(Roles.Integration, "elsewhere", "sc-pension"),
        ["integration-elsewhere"] = C(Roles.Integration, "qj-notary"),
        ["carrier"] = C(Roles.Carrier),
        ["supervisor"] = C(Roles.Supervisor),
        ["operator"] = C(Roles.Operator),
    };

    private static readonly CommandActor Anyone = new("x", "x", null);

    private static readonly string[] Receiving = ["window", "integration-window"];
    private static readonly string[] Leg1 = ["officer-leg1"];
    private static readonly string[] AnyLeg = ["officer-leg1", "officer-leg2", "integration-leg2"];
    private static readonly string[] Involved = [.. Receiving, .. AnyLeg];

    public static TheoryData<string, CaseCommand, string[]> Steps() => new()
    {
        { "form-review", new ReviewForm(true, [], null, Anyone), Receiving },
        { "supplement", new ProvideSupplement([], Anyone), Receiving },
        { "identity-verification", new VerifyIdentity(IdentityMethod.Face, true, Anyone), Receiving },
        { "not-accepted", new RefuseCase("x", Anyone), Receiving },
        { "withdrawal", new Withdraw("x", Anyone), Receiving },
        { "rating", new Rate(RatingLevel.Satisfied, null, "window", Anyone), Receiving },
        { "acceptance of leg1", new DecideAcceptance("leg1", true, null, Anyone), Leg1 },
        { "decision of leg1", new DecideLeg("leg1", DecisionOutcome.Approved, null, null, Anyone), Leg1 },
        { "acceptance of leg2", new DecideAcceptance("leg2", true, null, Anyone), ["officer-leg2", "integration-leg2"] },
        { "acceptance of an unknown leg", new DecideAcceptance("leg9", true, null, Anyone), [] },
        { "suspension", new Suspend(SuspensionKind.Other, "x", null, Anyone), AnyLeg },
        { "resumption", new Resume(Anyone), AnyLeg },
        { "originals-received", new ReceiveOriginals(Anyone), AnyLeg },
        { "mailing", new RegisterMailing(null, MailingPurpose.Result, "EMS", "EA123456785CN", Anyone), Involved },
        { "result-delivery", new DeliverResult(DeliveryMethod.Pickup, null, null, null, null, Anyone), Involved },
        { "result-collected", new ConfirmResultCollected(Anyone), Involved },
        { "rectification without a bad rating", new RecordRectification("x", Anyone), [] },
        { "submission", Submission([]), [] },
        { "carrier report", new RecordCarrierEvent("EA123456785CN", CarrierStatus.Signed, DateTimeOffset.UnixEpoch, null, Anyone), [] },
        { "deadline missed", new MarkDeadlineMissed("d1", Anyone), [] },
        { "calendar recount", new RecountDeadlines(2027, new Dictionary<DateOnly, string>(), new Dictionary<DateOnly, string>(), Anyone), [] },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void Each_step_is_taken_by_exactly_its_callers(string step, CaseCommand command, string[] allowed)
    {
        var wrong = Callers.Where(c => CaseAccess.MayTake(c.Value, Case, command) != allowed.Contains(c.Key)).Select(c => c.Key).ToList();
        Assert.True(wrong.Count == 0, $"{step}: wrong for {string.Join(", ", wrong)}");
    }

    [Fact]
    public void The_rated_unit_records_the_rectification_whatever_its_role_among_unit_roles()
    {
        var rated = Case with { Rectification = new Rectification("qj-window", DateTimeOffset.UnixEpoch) };
        var may = Callers.Where(c => CaseAccess.MayTake(c.Value, rated, new RecordRectification("x", Anyone))).Select(c => c.Key).Order();
        Assert.Equal(["integration-window", "officer-of-the-window-unit", "window"], may);
    }

    [Fact]
    public void Reading_is_for_those_involved_supervisors_and_operators_and_personal_data_not_for_operators()
    {
        Assert.Equal(Involved.Append("operator").Append("supervisor").Order(), Callers.Where(c => CaseAccess.CanRead(c.Value, Case)).Select(c => c.Key).Order());
        Assert.Equal(Involved.Append("supervisor").Order(), Callers.Where(c => CaseAccess.SeesPersonalData(c.Value, Case)).Select(c => c.Key).Order());
    }

    [Fact]
    public void Windows_and_integrations_submit_for_their_own_unit_and_online_for_none()
    {
        Assert.Equal(["integration-elsewhere", "integration-leg2", "integration-window", "window", "window-elsewhere"],
            Callers.Where(c => CaseAccess.MaySubmit(c.Value)).Select(c => c.Key).Order());
        Assert.True(CaseAccess.MaySubmitFor(Callers["window"], Channel.Window, "qj-window"));
        Assert.False(CaseAccess.MaySubmitFor(Callers["window-elsewhere"], Channel.Window, "qj-window"));
        Assert.False(CaseAccess.MaySubmitFor(Callers["window"], Channel.Window, null));
        Assert.True(CaseAccess.MaySubmitFor(Callers["integration-elsewhere"], Channel.Online, null));
    }

    [Fact]
    public void A_caller_acts_as_its_unit_that_takes_part_else_its_only_unit()
    {
        Assert.Equal("sc-pension", CaseAccess.ActingAs(Callers["integration-leg2"], Case).UnitId);
        Assert.Equal("qj-window", CaseAccess.ActingAs(Callers["window"], Case).UnitId);
        Assert.Equal("qj-notary", CaseAccess.ActingAs(Callers["integration-elsewhere"], Case).UnitId);
        Assert.Null(CaseAccess.ActingAs(C(Roles.Integration, "a", "b"), Case).UnitId);
        Assert.Null(CaseAccess.ActingAs(Callers["supervisor"], Case).UnitId);
    }
}
