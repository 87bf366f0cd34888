namespace KuaSheng.Console.Localization;

// 收件登记 (screen 1) and its receipt.
public static partial class T
{
    public static readonly Text Intake = new("收件登记", "Receive an application");
    public static readonly Text FindItem = new("搜索事项（名称或编码）", "Find the item (name or code)");
    public static readonly Text ChooseItem = new("事项", "Item");
    public static readonly Text ItemNeedsOriginals = new("本事项需要提交原件：请在材料清单中勾选原件。", "This item needs originals: tick them in the materials list.");
    public static readonly Text PromisedDays = new("承诺时限 {0} 个工作日", "Promised within {0} working days");
    public static readonly Text ApplicantKind = new("申请人类型", "Applicant kind");
    public static readonly Text Person = new("自然人", "Person");
    public static readonly Text Organization = new("法人或其他组织", "Organization");
    public static readonly Text RegionOptional = new("户籍地区划代码（可选，默认取身份证号前六位）", "Home region code (optional; default: the ID number's first six digits)");
    public static readonly Text TownCode = new("綦江镇街代码（可选）", "Qijiang town code (optional)");
    public static readonly Text AgentOptional = new("帮办代办（可选）", "Agent (optional)");
    public static readonly Text CounterpartRegion = new("转出地/迁出地区划代码（多地联办）", "Transfer-out region code (joint items)");
    public static readonly Text MaterialsChecklist = new("材料清单", "Materials checklist");
    public static readonly Text MaterialName = new("材料名称", "Material");
    public static readonly Text IsOriginal = new("原件", "Original");
    public static readonly Text PreviewPlan = new("预览分办（将推送的单位）", "Preview the routing plan");
    public static readonly Text RoutingPlan = new("分办方案", "Routing plan");
    public static readonly Text RoutingPlanIntro = new("提交后本件将推送至：", "After submitting, the case goes to:");
    public static readonly Text SubmitApplication = new("提交收件", "Receive the application");
    public static readonly Text CannotSubmit = new("请修改以下内容：", "Please correct:");
    public static readonly Text Receipt = new("受理回执", "Receipt");
    public static readonly Text ReceiptIntro = new("凭办件编号和查询码可在“公众查询”中查询办理进度并评价。", "With the case number and query code the applicant can follow the case and rate it under “Look up my case”.");
    public static readonly Text NewApplication = new("继续收件", "Receive another application");
    public static readonly Text WindowSeal = new("收件窗口", "Receiving window");
}
