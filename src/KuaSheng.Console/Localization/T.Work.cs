namespace KuaSheng.Console.Localization;

// 窗口工作台 (screen 2) and 待办 (screen 3).
public static partial class T
{
    public static readonly Text WindowDesk = new("窗口工作台", "Window desk");
    public static readonly Text WindowDeskIntro = new("本窗口的办件，按下一步要做的事分组；每 5 秒自动刷新。", "This window's cases by what they need next; refreshed every 5 seconds.");
    public static readonly Text NeedsReview = new("待形式审查与身份核验", "Form review and identity check");
    public static readonly Text NeedsSupplement = new("待补正 / 被退回", "Supplements and returned cases");
    public static readonly Text NeedsForwarding = new("待推送", "To forward");
    public static readonly Text NeedsOriginals = new("待寄送原件", "Originals to mail");
    public static readonly Text NeedsDelivery = new("待送达结果", "Results to hand out");
    public static readonly Text NeedsRectification = new("待整改差评", "Bad ratings to rectify");
    public static readonly Text Todo = new("待办", "To do");
    public static readonly Text TodoIntro = new("本单位待受理、待决定的办理环节，时限按工作日计；每 5 秒自动刷新。", "Your unit's legs to accept or decide, due dates in working days; refreshed every 5 seconds.");
    public static readonly Text LegsToAccept = new("待受理", "To accept");
    public static readonly Text LegsToDecide = new("待决定", "To decide");
    public static readonly Text OtherDeadlines = new("其他时限（原件、整改等）", "Other deadlines (originals, rectification…)");
    public static readonly Text ForUnit = new("单位：{0}", "Unit: {0}");
    public static readonly Text LastRefreshed = new("更新于 {0}", "Updated {0}");
}
