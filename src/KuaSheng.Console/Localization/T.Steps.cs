namespace KuaSheng.Console.Localization;

// The case steps' forms (办件详情 and the worklists).
public static partial class T
{
    public static readonly Text Actions = new("可办理的操作", "What you can do");
    public static readonly Text NoActions = new("当前没有需要您办理的操作。", "Nothing for you to do on this case now.");
    public static readonly Text FormReview = new("形式审查", "Form review");
    public static readonly Text FormPassed = new("材料齐全，通过", "Complete: passed");
    public static readonly Text FormFailed = new("材料不全，一次性告知补正", "Incomplete: request every missing material at once");
    public static readonly Text MissingMaterials = new("缺少的材料（每行一项）", "Missing materials (one per line)");
    public static readonly Text Note = new("备注", "Note");
    public static readonly Text IdentityVerification = new("身份核验", "Identity verification");
    public static readonly Text Method = new("方式", "Method");
    public static readonly Text MethodFace = new("人脸识别", "Face");
    public static readonly Text MethodDocument = new("证件核验", "Document");
    public static readonly Text MethodEsign = new("电子签名", "E-signature");
    public static readonly Text Passed = new("通过", "Passed");
    public static readonly Text Failed = new("未通过", "Failed");
    public static readonly Text Supplement = new("补正材料", "Supplement");
    public static readonly Text SupplementMaterials = new("补交的材料（每行一项）", "Materials handed in (one per line)");
    public static readonly Text NotAccepted = new("不予受理", "Not accepted");
    public static readonly Text Reason = new("理由", "Reason");
    public static readonly Text Accept = new("受理", "Accept");
    public static readonly Text Return = new("退回", "Return");
    public static readonly Text ReturnReason = new("退回理由", "Reason for returning");
    public static readonly Text Decide = new("审批决定", "Decide");
    public static readonly Text Approve = new("准予", "Approve");
    public static readonly Text Deny = new("不予", "Deny");
    public static readonly Text ResultTitle = new("结果文书名称", "Result document title");
    public static readonly Text ResultNumber = new("文号", "Document number");
    public static readonly Text ResultUrl = new("电子证照链接（可选）", "Electronic document link (optional)");
    public static readonly Text Suspension = new("特别程序 / 延长审批", "Suspension or extension");
    public static readonly Text SuspensionKind = new("类型", "Kind");
    public static readonly Text SuspendOther = new("特别程序（听证、检测、专家评审，计时暂停）", "Special procedure (clock stops)");
    public static readonly Text SuspendExtension = new("延长审批", "Extension");
    public static readonly Text WorkingDays = new("工作日数", "Working days");
    public static readonly Text Resume = new("结束特别程序", "Resume");
    public static readonly Text OriginalsReceived = new("原件已收到", "Originals received");
    public static readonly Text MailOriginals = new("寄出原件", "Mail the originals");
    public static readonly Text ResultDelivery = new("送达结果", "Deliver the result");
    public static readonly Text ResultUrlDelivery = new("电子送达链接", "Link for electronic delivery");
    public static readonly Text ResultCollected = new("申请人已领取", "Result collected");
    public static readonly Text Withdraw = new("撤回", "Withdraw");
    public static readonly Text RateAtWindow = new("窗口评价", "Rating at the window");
    public static readonly Text Level = new("评价", "Level");
    public static readonly Text Comment = new("评价内容（差评必填）", "Comment (required for a bad rating)");
    public static readonly Text Rectify = new("记录整改", "Record the rectification");
    public static readonly Text RectificationNote = new("整改情况", "What was done");
}
