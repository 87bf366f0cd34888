using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Domain.Cases;

public static partial class CaseDecider
{
    // ---- 寄递: originals out, results back -----------------------------------------------------------------

    private static Refusal? RegisterMailing(Changes ch, RegisterMailing c)
    {
        var s = ch.State;
        if (Blank(c.Carrier)) return Refusal.Invalid("carrier", "Name the carrier (寄递企业).");
        if (Blank(c.WaybillNumber)) return Refusal.Invalid("waybillNumber", "Give the waybill number (运单号).");
        if (s.FindMailingByWaybill(c.WaybillNumber) is not null)
            return Refusal.Conflict($"Waybill {c.WaybillNumber} is already registered on this case.");
        var mailingId = c.MailingId ?? Mailing.IdOf(c.WaybillNumber);
        if (s.Mailings.Any(m => m.MailingId == mailingId))
            return Refusal.Conflict($"Mailing {mailingId} already exists.");
        if (c.Purpose == MailingPurpose.Originals)
        {
            if (!s.NeedsOriginals) return Refusal.Invalid("purpose", "No material of this case is marked as an original to send.");
            if (s.OriginalsReceived) return Refusal.Conflict("The originals have already been received by the home unit.");
            if (!s.Status.IsBeforeDecision()) return Illegal(s, "mail-originals");
            ch.Emit(new MailingRegistered(mailingId, c.Purpose, c.Carrier, c.WaybillNumber, ch.Now, ch.By));
            ch.Meet(DeadlineStep.OriginalsMailing);
            return null;
        }
        if (s.Status is not (CaseStatus.Decided or CaseStatus.Delivering)) return Illegal(s, "mail-result");
        ch.Emit(new MailingRegistered(mailingId, c.Purpose, c.Carrier, c.WaybillNumber, ch.Now, ch.By));
        return null;
    }

    private static Refusal? RecordCarrierEvent(Changes ch, RecordCarrierEvent c)
    {
        var s = ch.State;
        if (s.FindMailingByWaybill(c.WaybillNumber) is not { } mailing) return Refusal.NotFound($"Waybill {c.WaybillNumber}");
        if (c.Status == CarrierStatus.Registered) return Refusal.Invalid("status", "Carriers report picked-up, in-transit, out-for-delivery, signed, returned or lost.");
        if (MailTracking.IsDuplicate(mailing, c.Status, c.EventAt)) return null; // the same report again: already so

        var signs = c.Status == CarrierStatus.Signed && MailTracking.Advances(mailing, c.Status);
        ch.Emit(new CarrierEventRecorded(mailing.MailingId, c.Status, c.EventAt, c.SignedBy, ch.Now, ch.By));
        if (!signs) return null;

        if (mailing.Purpose == MailingPurpose.Originals && !ch.State.OriginalsReceived)
            ch.Emit(new OriginalsReceived(mailing.MailingId, ch.Now, ch.By));
        else if (mailing.Purpose == MailingPurpose.Result && ch.State.Status == CaseStatus.Delivering
                 && ch.State.ResultDelivery?.WaybillNumber == mailing.WaybillNumber)
            Complete(ch);
        return null;
    }

    private static Refusal? ReceiveOriginals(Changes ch, ReceiveOriginals c)
    {
        var s = ch.State;
        if (!s.NeedsOriginals) return Refusal.Invalid("originals", "No material of this case is marked as an original.");
        if (s.OriginalsReceived) return Refusal.Conflict("The originals have already been recorded as received.");
        if (!s.Status.IsBeforeDecision()) return Illegal(s, "originals-received");
        ch.Emit(new OriginalsReceived(null, ch.Now, ch.By));
        ch.Meet(DeadlineStep.OriginalsMailing);
        return null;
    }

    // ---- 送达 and 办结 -------------------------------------------------------------------------------------

    private static Refusal? DeliverResult(Changes ch, DeliverResult c)
    {
        var s = ch.State;
        // A new delivery is allowed after the decision, or when the mailed result came back or was lost.
        var resend = s.Status == CaseStatus.Delivering && s.ResultDelivery?.Method == DeliveryMethod.Mail
                     && s.FindMailingByWaybill(s.ResultDelivery.WaybillNumber!)?.Status is CarrierStatus.Returned or CarrierStatus.Lost;
        if (s.Status != CaseStatus.Decided && !resend) return Illegal(s, "result-delivery");

        switch (c.Method)
        {
            case DeliveryMethod.Mail:
                if (Blank(c.WaybillNumber)) return Refusal.Invalid("waybillNumber", "A mailed result needs its waybill number.");
                var mailing = s.FindMailingByWaybill(c.WaybillNumber!);
                if (mailing is { Purpose: MailingPurpose.Originals })
                    return Refusal.Conflict($"Waybill {c.WaybillNumber} carried the originals; a result needs its own waybill.");
                if (mailing is { Status: CarrierStatus.Returned or CarrierStatus.Lost })
                    return Refusal.Conflict($"Waybill {c.WaybillNumber} was {mailing.Status.ToKebab()}; send the result again under a new waybill.");
                if (mailing is null) // the carrier is optional (API.md): given, else named by an S10 number, else unknown
                    ch.Emit(new MailingRegistered(c.MailingId ?? Mailing.IdOf(c.WaybillNumber!), MailingPurpose.Result,
                        PostalOperator.CarrierOf(c.Carrier, c.WaybillNumber), c.WaybillNumber!, ch.Now, ch.By));
                ch.Emit(new ResultDeliveryStarted(DeliveryMethod.Mail, c.WaybillNumber, null, ch.Now, ch.By));
                if (ch.State.FindMailingByWaybill(c.WaybillNumber!)!.Status == CarrierStatus.Signed) Complete(ch);
                return null;
            case DeliveryMethod.Electronic:
                if (Blank(c.Url)) return Refusal.Invalid("url", "An electronic result (网络送达) needs the address of the document.");
                ch.Emit(new ResultDeliveryStarted(DeliveryMethod.Electronic, null, c.Url, ch.Now, ch.By));
                return null;
            default:
                ch.Emit(new ResultDeliveryStarted(DeliveryMethod.Pickup, null, null, ch.Now, ch.By));
                return null;
        }
    }

    private static Refusal? ConfirmCollected(Changes ch, ConfirmResultCollected c)
    {
        var s = ch.State;
        if (s.Status != CaseStatus.Delivering) return Illegal(s, "result-collected");
        if (s.ResultDelivery?.Method == DeliveryMethod.Mail)
            return new Refusal(RefusalCodes.IllegalTransition, "A mailed result is completed by the carrier's signature, not by a collection.");
        Complete(ch);
        return null;
    }

    private static void Complete(Changes ch)
    {
        ch.Meet(DeadlineStep.Delivery);
        ch.Emit(new CaseCompleted(ch.Now, ch.By));
    }
}
