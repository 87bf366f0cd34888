using KuaSheng.Api.Auth;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Api.Cases;

/// <summary>
/// Who may do what on a case (API.md, Auth): a window acts on cases received at its unit, an officer on legs of its
/// unit, an integration as the units in its token, a supervisor reads everything, an operator never writes cases,
/// a carrier only posts tracking. One function per kind of step, so the authorization matrix test reads like this.
/// </summary>
public static class CaseAccess
{
    public static bool IsReceiver(Caller c, CaseState s) => c.Is(Roles.Window, Roles.Integration) && c.ActsFor(s.ReceivingUnitId);

    public static bool HoldsLeg(Caller c, CaseState s, string? legId = null) =>
        c.Is(Roles.Officer, Roles.Integration) && s.Legs.Any(l => (legId is null || l.LegId == legId) && c.ActsFor(l.UnitId));

    public static bool Involved(Caller c, CaseState s) => IsReceiver(c, s) || HoldsLeg(c, s);

    /// <summary>Reading a case: those involved and supervisors in full; operators see it masked.</summary>
    public static bool CanRead(Caller c, CaseState s) => Involved(c, s) || c.Is(Roles.Supervisor, Roles.Operator);

    public static bool SeesPersonalData(Caller c, CaseState s) => Involved(c, s) || c.Is(Roles.Supervisor);

    /// <summary>收件 checks, supplements, not-accepted, withdrawal: the receiving side.</summary>
    public static bool CanActAsWindow(Caller c, CaseState s) => IsReceiver(c, s);

    /// <summary>受理, 审批决定, suspension, originals received: the leg's (or any leg's) unit.</summary>
    public static bool CanActOnLeg(Caller c, CaseState s, string? legId) => HoldsLeg(c, s, legId);

    /// <summary>Mailings and result delivery: either side of the case.</summary>
    public static bool CanMail(Caller c, CaseState s) => Involved(c, s);

    /// <summary>整改: the rated unit.</summary>
    public static bool CanRectify(Caller c, CaseState s) =>
        c.Is(Roles.Officer, Roles.Window, Roles.Integration) && c.ActsFor(s.Rectification?.UnitId);
}
