using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;

namespace KuaSheng.Console.Localization;

/// <summary>The enums of a case in words (DOMAIN.md's Chinese names, English second).</summary>
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
        _ => Raw(status),
    };

    public static Text Leg(LegStatus status) => status switch
    {
        LegStatus.Pending => new("待推送", "Pending"),
        LegStatus.Forwarded => new("待受理", "Forwarded"),
        LegStatus.Accepted => new("已受理", "Accepted"),
        LegStatus.Returned => new("已退回", "Returned"),
        LegStatus.Approved => new("准予", "Approved"),
        LegStatus.Denied => new("不予", "Denied"),
        _ => Raw(status),
    };

    public static Text Role(LegRole role) => role switch
    {
        LegRole.Home => new("业务属地部门", "Home unit"),
        LegRole.PreliminaryReview => new("初审", "Preliminary review"),
        LegRole.FinalReview => new("复核", "Final review"),
        LegRole.JointReview => new("联审", "Joint review"),
        LegRole.TransferOut => new("转出地", "Transfer out"),
        LegRole.TransferIn => new("转入地", "Transfer in"),
        _ => Raw(role),
    };

    public static Text Step(DeadlineStep step) => step switch
    {
        DeadlineStep.FormReview => new("形式审查", "Form review"),
        DeadlineStep.Forwarding => new("推送", "Forwarding"),
        DeadlineStep.OriginalsMailing => new("原件寄出", "Originals mailing"),
        DeadlineStep.Acceptance => new("受理", "Acceptance"),
        DeadlineStep.Decision => new("审批决定", "Decision"),
        DeadlineStep.Delivery => new("送达", "Delivery"),
        DeadlineStep.Rectification => new("差评整改", "Rectification"),
        _ => Raw(step),
    };

    public static Text Mode(HandlingMode mode) => mode switch
    {
        HandlingMode.Online => new("全程网办", "Online"),
        HandlingMode.Proxy => new("异地代收代办", "Proxy"),
        HandlingMode.Joint => new("多地联办", "Joint"),
        _ => Raw(mode),
    };

    public static Text Channel(Channel channel) => channel switch
    {
        Domain.Cases.Channel.Window => new("窗口", "Window"),
        Domain.Cases.Channel.Online => new("网上", "Online"),
        Domain.Cases.Channel.Integration => new("系统对接", "Integration"),
        _ => Raw(channel),
    };

    public static Text Delivery(DeliveryMethod method) => method switch
    {
        DeliveryMethod.Mail => new("邮寄", "Mail"),
        DeliveryMethod.Electronic => new("电子送达", "Electronic"),
        DeliveryMethod.Pickup => new("窗口领取", "Pickup"),
        _ => Raw(method),
    };

    public static Text Purpose(MailingPurpose purpose) => purpose switch
    {
        MailingPurpose.Originals => new("原件", "Originals"),
        MailingPurpose.Result => new("审批结果", "Result"),
        _ => Raw(purpose),
    };

    public static Text Carrier(CarrierStatus status) => status switch
    {
        CarrierStatus.Registered => new("已登记", "Registered"),
        CarrierStatus.PickedUp => new("已揽收", "Picked up"),
        CarrierStatus.InTransit => new("运输中", "In transit"),
        CarrierStatus.OutForDelivery => new("派送中", "Out for delivery"),
        CarrierStatus.Signed => new("已签收", "Signed"),
        CarrierStatus.Returned => new("已退回", "Returned"),
        CarrierStatus.Lost => new("已丢失", "Lost"),
        _ => Raw(status),
    };

    public static Text Rating(RatingLevel level) => level switch
    {
        RatingLevel.VerySatisfied => new("非常满意", "Very satisfied"),
        RatingLevel.Satisfied => new("满意", "Satisfied"),
        RatingLevel.BasicallySatisfied => new("基本满意", "Basically satisfied"),
        RatingLevel.Dissatisfied => new("不满意", "Dissatisfied"),
        RatingLevel.VeryDissatisfied => new("非常不满意", "Very dissatisfied"),
        _ => Raw(level),
    };

    public static Text Outcome(DecisionOutcome outcome) => outcome == DecisionOutcome.Approved ? new("准予", "Approved") : new("不予", "Denied");

    /// <summary>A timeline entry's type (<c>form-review-passed</c>, <c>carrier-signed</c>…) in words, else as it is.</summary>
    public static Text Event(string type) => type switch
    {
        "received" => new("收件", "Received"),
        "form-review-passed" => new("形式审查通过", "Form review passed"),
        "supplement-requested" => new("一次性告知补正", "Supplement requested"),
        "supplement-provided" => new("补正材料", "Supplement provided"),
        "identity-verified" => new("身份核验通过", "Identity verified"),
        "identity-failed" => new("身份核验未通过", "Identity check failed"),
        "not-accepted" => new("不予受理", "Not accepted"),
        "forwarded" => new("推送", "Forwarded"),
        "leg-accepted" => new("受理", "Leg accepted"),
        "leg-returned" => new("退回", "Leg returned"),
        "leg-approved" => new("准予", "Leg approved"),
        "leg-denied" => new("不予", "Leg denied"),
        "decided" => new("审批决定", "Decided"),
        "mailing-registered" => new("寄递登记", "Mailing registered"),
        "originals-received" => new("原件收到", "Originals received"),
        "delivering" => new("送达", "Delivering"),
        "completed" => new("办结", "Completed"),
        "withdrawn" => new("撤回", "Withdrawn"),
        "suspended" => new("特别程序开始", "Suspended"),
        "resumed" => new("特别程序结束", "Resumed"),
        "extension-granted" => new("延长审批", "Extension granted"),
        "rated" => new("好差评", "Rated"),
        "rectification-opened" => new("差评待整改", "Rectification opened"),
        "rectified" => new("整改完成", "Rectified"),
        "overdue" => new("超期", "Overdue"),
        "deadlines-recounted" => new("时限重算", "Deadlines recounted"),
        _ when type.StartsWith("carrier-", StringComparison.Ordinal) && Kebab.TryParse<CarrierStatus>(type["carrier-".Length..], out var s) =>
            new Text("物流：" + Carrier(s).Zh, "Carrier: " + Carrier(s).En),
        _ => new(type, type),
    };

    /// <summary>A step a form sent (<c>?done=</c> after it), in words; null for anything else.</summary>
    public static Text? StepName(string? step) => step switch
    {
        "form-review" => T.FormReview,
        "identity-verification" => T.IdentityVerification,
        "supplement" => T.Supplement,
        "not-accepted" => T.NotAccepted,
        "acceptance" => T.Accept,
        "decision" => T.Decide,
        "suspension" => T.Suspension,
        "resumption" => T.Resume,
        "originals-received" => T.OriginalsReceived,
        "mailings" => T.MailOriginals,
        "result-delivery" => T.ResultDelivery,
        "result-collected" => T.ResultCollected,
        "withdrawal" => T.Withdraw,
        "rating" => T.RateAtWindow,
        "rectification" => T.Rectify,
        _ => null,
    };

    /// <summary>A due state in words and its style (red overdue, amber due soon): the words carry it without colour.</summary>
    public static (string Css, string Words) Due(DueState due) => due.Kind switch
    {
        DueKind.Overdue => ("due-overdue", due.WorkingDaysOver > 0 ? T.Overdue.Format(due.WorkingDaysOver) : T.OverdueMarked.ToString()),
        DueKind.DueSoon => ("due-soon", T.DueSoon.Format(due.WorkingDaysLeft)),
        _ => ("due-ok", T.OnTime.Format(due.WorkingDaysLeft)),
    };

    private static Text Raw<TEnum>(TEnum value) where TEnum : struct, Enum => new(value.ToKebab(), value.ToKebab());
}
