using KuaSheng.Domain.Cases;

namespace KuaSheng.Console.Localization;

/// <summary>Case statuses and other enums of a case in words (办件状态: DOMAIN.md's names).</summary>
public static class CaseWords
{
    public static Text Status(CaseStatus status) => status switch
    {
        CaseStatus.Received => new("已收件", "Received"),
        CaseStatus.SupplementRequested => new("待补正", "Supplement requested"),
        CaseStatus.NotAccepted => new("不予受理", "Not accepted"),
        CaseStatus.Forwarded => new("已推送", "Forwarded"),
        CaseStatus.Accepted => new("已受理", "Accepted"),
        CaseStatus.Returned => new("已退回", "Returned"),
        CaseStatus.Suspended => new("特别程序中", "Suspended"),
        CaseStatus.Decided => new("已决定", "Decided"),
        CaseStatus.Delivering => new("送达中", "Delivering"),
        CaseStatus.Completed => new("已办结", "Completed"),
        CaseStatus.Withdrawn => new("已撤回", "Withdrawn"),
        _ => new(status.ToString(), status.ToString()),
    };
}
