namespace KuaSheng.Console.Localization;

// Words of a case shared by the screens that show one: fields, statuses, steps.
public static partial class T
{
    public static readonly Text Item = new("事项", "Item");
    public static readonly Text Status = new("状态", "Status");
    public static readonly Text Applicant = new("申请人", "Applicant");
    public static readonly Text Agent = new("代办人", "Agent");
    public static readonly Text CaseNotFound = new("办件不存在。", "No such case.");
    public static readonly Text CaseDetail = new("办件详情", "Case");
    public static readonly Text Mode = new("办理模式", "Mode");
    public static readonly Text Channel = new("渠道", "Channel");
    public static readonly Text ReceivingUnit = new("收件单位", "Receiving unit");
    public static readonly Text Outcome = new("审批结果", "Outcome");
    public static readonly Text Legs = new("办理环节", "Legs");
    public static readonly Text Leg = new("环节", "Leg");
    public static readonly Text LegRole = new("环节角色", "Role");
    public static readonly Text Unit2 = new("承办单位", "Unit");
    public static readonly Text Deadlines = new("办理时限", "Deadlines");
    public static readonly Text Step = new("环节", "Step");
    public static readonly Text Due = new("到期日", "Due");
    public static readonly Text DueState = new("时限状态", "Due state");
    public static readonly Text Materials = new("材料", "Materials");
    public static readonly Text Original = new("原件", "Original");
    public static readonly Text Mailings = new("寄递", "Mailings");
    public static readonly Text Carrier = new("寄递企业", "Carrier");
    public static readonly Text Waybill = new("运单号", "Waybill number");
    public static readonly Text Purpose = new("用途", "Purpose");
    public static readonly Text CarrierEvents = new("物流轨迹", "Carrier events");
    public static readonly Text Rating = new("好差评", "Rating");
    public static readonly Text Rectification = new("整改", "Rectification");
    public static readonly Text Timeline = new("办理记录", "Timeline");
    public static readonly Text At = new("时间", "Time");
    public static readonly Text By = new("操作人", "By");
    public static readonly Text Detail = new("说明", "Detail");
    public static readonly Text Name = new("姓名/名称", "Name");
    public static readonly Text IdNumber = new("证件号码", "ID number");
    public static readonly Text Phone = new("联系电话", "Phone");
    public static readonly Text Region = new("户籍/所在地区划", "Region");
    public static readonly Text Relation = new("与申请人关系", "Relation");
    public static readonly Text Delivery = new("送达方式", "Delivery");
    public static readonly Text Address = new("邮寄地址", "Address");
    public static readonly Text SubmittedAt = new("收件时间", "Received at");
    public static readonly Text Yes = new("是", "Yes");
    public static readonly Text No = new("否", "No");
    public static readonly Text Open = new("办理", "Open");
    public static readonly Text Overdue = new("超期 {0} 个工作日", "{0} working days overdue");
    public static readonly Text OverdueMarked = new("已超期", "Overdue");
    public static readonly Text DueSoon = new("即将到期（剩 {0} 个工作日）", "Due soon ({0} working days left)");
    public static readonly Text OnTime = new("剩 {0} 个工作日", "{0} working days left");
    public static readonly Text Met = new("已完成", "Done");
    public static readonly Text Cancelled = new("已取消", "Cancelled");
    public static readonly Text Provisional = new("（暂定日历）", " (provisional calendar)");
    public static readonly Text StepDone = new("已办理：{0}", "Done: {0}");
    public static readonly Text StepRefused = new("未能办理：{0}", "Not done: {0}");
}
