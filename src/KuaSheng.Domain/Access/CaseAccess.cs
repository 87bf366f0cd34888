using KuaSheng.Domain.Cases;

namespace KuaSheng.Domain.Access;

/// <summary>
/// Who may do what on a case (API.md, Auth): a window acts on cases received at its unit, an officer on legs of its
/// unit, an integration as the units in its token, a supervisor reads everything, an operator never writes cases,
/// a carrier only posts tracking. The case applies <see cref="MayTake"/> to the caller carried on a step, against the
/// very state it then decides on (<see cref="CaseAdmission"/>); the API applies the others to reads and submissions.
/// </summary>
public static class CaseAccess
{
    public static bool IsReceiver(Caller c, CaseState s) => c.Is(Roles.Window, Roles.Integration) && c.ActsFor(s.ReceivingUnitId);

    public static bool HoldsLeg(Caller c, CaseState s, string? legId = null) =>
        c.Is(Roles.Officer, Roles.Integration) && s.Legs.Any(l => (legId is null || l.LegId == legId) && c.ActsFor(l.UnitId));

    public static bool Involved(Caller c, CaseState s) => IsReceiver(c, s) || HoldsLeg(c, s);

    /// <summary>Reading a case: those involved and supervisors in full; operators see it masked.</summary>
    public static bool CanRead(Caller c, CaseState s) => Involved(c, s) || c.Is(Roles.Supervisor, Roles.Operator);

    /// <summary>Names, ID numbers, phones and addresses unmasked: those involved and supervisors.</summary>
    public static bool SeesPersonalData(Caller c, CaseState s) => Involved(c, s) || c.Is(Roles.Supervisor);

    /// <summary>收件: windows and integrations …</summary>
    public static bool MaySubmit(Caller c) => c.Is(Roles.Window, Roles.Integration);

    /// <summary>… for a unit they act for; an online application is received at no unit.</summary>
    public static bool MaySubmitFor(Caller c, Channel channel, string? receivingUnitId) =>
        channel == Channel.Online || c.ActsFor(receivingUnitId);

    /// <summary>May <paramref name="c"/> take <paramref name="step"/> on the case <paramref name="s"/>: one line per kind of step.</summary>
    public static bool MayTake(Caller c, CaseState s, CaseCommand step) => step switch
    {
        // 收件 checks, supplements, 不予受理, 撤回, and the rating given at the window: the receiving side.
        ReviewForm or ProvideSupplement or VerifyIdentity or RefuseCase or Withdraw or Rate => IsReceiver(c, s),
        // 受理 and 审批决定: that leg's unit.
        DecideAcceptance a => HoldsLeg(c, s, a.LegId),
        DecideLeg d => HoldsLeg(c, s, d.LegId),
        // Special procedures and originals handed over: any leg's unit.
        Suspend or Resume or ReceiveOriginals => HoldsLeg(c, s),
        // 寄递 and 送达: either side of the case.
        RegisterMailing or DeliverResult or ConfirmResultCollected => Involved(c, s),
        // 整改: the rated unit.
        RecordRectification => c.Is(Roles.Officer, Roles.Window, Roles.Integration) && c.ActsFor(s.Rectification?.UnitId),
        // Submissions, carrier reports, deadline timers and calendar recounts are no caller's step on a case.
        _ => false,
    };

    /// <summary>The caller as recorded on the timeline of this case: as its unit that takes part, else its only unit.</summary>
    public static CommandActor ActingAs(Caller c, CaseState s) =>
        c.AsActor(c.Units.FirstOrDefault(u => u == s.ReceivingUnitId || s.Legs.Any(l => l.UnitId == u)));
}
