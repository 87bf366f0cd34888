using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using static KuaSheng.Domain.Tests.Cases.CaseScenario;

namespace KuaSheng.Domain.Tests.Access;

/// <summary>A caller's step as the case takes it: refused when the caller may not take it (before anything it typed is
/// looked at), else stamped with the unit it acts as on this case and with its waybill numbers parsed.</summary>
public class CaseAdmissionTests
{
    private static readonly CaseState Case = Received(Leg("leg1", "qj-hrss"));

    private static readonly CommandActor Typed = new("integration", "platform", null);

    [Fact]
    public void A_caller_who_may_not_take_the_step_is_refused_with_its_role_units_and_the_case_before_its_input_is_parsed()
    {
        var (command, refusal) = CaseAdmission.Admit(new Caller(Roles.Window, "w", ["a", "b"]), Case,
            new RegisterMailing(null, MailingPurpose.Result, "EMS", "not a waybill", Typed));
        Assert.Null(command);
        Assert.Equal(RefusalCodes.Forbidden, refusal!.Code);
        Assert.Equal("A window of a,b may not take this step on case c1.", refusal.Message);
        Assert.Equal("A carrier of no unit may not take this step on case c1.",
            CaseAdmission.Admit(new Caller(Roles.Carrier, "ems", []), Case, new Resume(Typed)).Refusal!.Message);
    }

    [Fact]
    public void An_admitted_step_is_by_the_caller_as_its_unit_on_this_case()
    {
        var (command, refusal) = CaseAdmission.Admit(new Caller(Roles.Integration, "platform", ["qj-notary", "qj-hrss"]), Case,
            new DecideAcceptance("leg1", true, null, Typed));
        Assert.Null(refusal);
        Assert.Equal(new DecideAcceptance("leg1", true, null, new CommandActor("integration", "platform", "qj-hrss")), command);
    }

    [Fact]
    public void Waybill_numbers_are_checked_and_normalised_and_only_a_mailed_result_keeps_one()
    {
        var window = new Caller(Roles.Window, "w", ["qj-window"]);
        var mailing = CaseAdmission.Admit(window, Case, new RegisterMailing(null, MailingPurpose.Originals, "EMS", " ea 1234 5678 5cn", Typed));
        Assert.Equal("EA123456785CN", ((RegisterMailing)mailing.Command!).WaybillNumber);
        var wrong = CaseAdmission.Admit(window, Case, new DeliverResult(DeliveryMethod.Mail, "EA123456789CN", null, null, null, Typed));
        Assert.Equal(RefusalCodes.ValidationFailed, wrong.Refusal!.Code);
        Assert.Contains("check digit", wrong.Refusal.Errors!["waybillNumber"][0]);
        Assert.Equal(RefusalCodes.ValidationFailed, CaseAdmission.Admit(window, Case,
            new DeliverResult(DeliveryMethod.Mail, null, null, null, null, Typed)).Refusal!.Code);
        var pickup = CaseAdmission.Admit(window, Case, new DeliverResult(DeliveryMethod.Pickup, "EA123456789CN", null, null, null, Typed));
        Assert.Null(((DeliverResult)pickup.Command!).WaybillNumber);
    }
}
