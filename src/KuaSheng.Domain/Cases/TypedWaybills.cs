using KuaSheng.Domain.Validation;

namespace KuaSheng.Domain.Cases;

/// <summary>Waybill numbers (邮件号) as a clerk typed them on a mailing or a mailed result: checked (shape, S10 check
/// digit) and normalised before the state machine sees them. Commands from inside (carrier reports, timers) come
/// parsed already.</summary>
public static class TypedWaybills
{
    public static (CaseCommand? Command, Refusal? Refusal) Parse(CaseCommand command) => command switch
    {
        RegisterMailing m => Checked(m.WaybillNumber, number => m with { WaybillNumber = number }),
        DeliverResult { Method: DeliveryMethod.Mail } d => Checked(d.WaybillNumber, number => d with { WaybillNumber = number }),
        DeliverResult d => (d with { WaybillNumber = null }, null), // only a mailed result travels under a waybill
        _ => (command, null),
    };

    private static (CaseCommand?, Refusal?) Checked(string? typed, Func<string, CaseCommand> withNumber)
    {
        var waybill = WaybillNumber.Validate(typed);
        return waybill.IsValid
            ? (withNumber(waybill.Value), null)
            : (null, Refusal.Invalid("waybillNumber", string.Join(" ", waybill.ErrorMessages)));
    }
}
