using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Waybills;

public interface IWithWaybillNumber
{
    string WaybillNumber { get; }
}

/// <summary>Ties a waybill to one case and mailing. Idempotent for the same case and mailing; another case gets
/// <see cref="WaybillTaken"/>.</summary>
public sealed record ReserveWaybill(string WaybillNumber, string CaseId, string MailingId) : IWithWaybillNumber, IKuaShengMessage;

public sealed record WaybillReserved(string WaybillNumber, string CaseId, string MailingId) : IKuaShengMessage;

public sealed record WaybillTaken(string WaybillNumber) : IKuaShengMessage;

/// <summary>A carrier tracking event (from POST /carrier/events).</summary>
public sealed record TrackWaybill(string WaybillNumber, CarrierStatus Status, DateTimeOffset At, string? SignedBy) : IWithWaybillNumber, IKuaShengMessage;

/// <summary>The event is recorded (or was already): it will reach its case.</summary>
public sealed record TrackingAccepted(string WaybillNumber, string CaseId, bool Duplicate) : IKuaShengMessage;

/// <summary>No case registered this waybill.</summary>
public sealed record WaybillUnknown(string WaybillNumber) : IKuaShengMessage;

public sealed record GetWaybill(string WaybillNumber) : IWithWaybillNumber, IKuaShengMessage;

public sealed record WaybillInfo(string WaybillNumber, string? CaseId, string? MailingId, CarrierStatus? LastStatus, int Events) : IKuaShengMessage;

/// <summary>Journal: the waybill was reserved.</summary>
public sealed record WaybillRegistered(string CaseId, string MailingId) : IKuaShengMessage;

/// <summary>Journal: a carrier event arrived; it is forwarded to the case until the case answers.</summary>
public sealed record CarrierEventAccepted(CarrierStatus Status, DateTimeOffset At, string? SignedBy) : IKuaShengMessage;

/// <summary>Journal (written by versions before issue #12's session 8, still recovered): the case has the event.</summary>
public sealed record CarrierEventDelivered(CarrierStatus Status, DateTimeOffset At) : IKuaShengMessage;
