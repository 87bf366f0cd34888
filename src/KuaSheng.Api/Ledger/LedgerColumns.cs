using KuaSheng.Domain;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Ledger;

namespace KuaSheng.Api.Ledger;

/// <summary>One column of the ledger: its JSON name, its Chinese header in the CSV and the workbook, and its value
/// (<paramref name="Json"/> as the JSON row carries it; <paramref name="Cell"/> as the files show it: the same but for
/// the row level and the mode, which the files spell in Chinese).</summary>
public sealed record LedgerColumn(string Key, string Header, Func<LedgerRow, object?> Json, Func<LedgerRow, object?> Cell);

/// <summary>The columns of the ledger, in order: one list for JSON, CSV and xlsx, so the three carry the same rows.</summary>
public static class LedgerColumns
{
    public static readonly IReadOnlyList<LedgerColumn> All =
    [
        new("level", "层级", r => r.Level.ToKebab(), r => LevelName(r.Level)),
        Text("unitId", "单位编码", r => r.UnitId),
        Text("unitName", "单位", r => r.UnitName),
        Text("itemCode", "事项编码", r => r.ItemCode),
        Text("itemName", "事项名称", r => r.ItemName),
        new("mode", "办理模式", r => r.Mode?.ToKebab(), r => r.Mode is { } m ? ModeName(m) : null),
        Figure("received", "收件", c => c.Received),
        Figure("forwarded", "转办", c => c.Forwarded),
        Figure("accepted", "受理", c => c.Accepted),
        Figure("returned", "退回", c => c.Returned),
        Figure("approved", "准予许可", c => c.Approved),
        Figure("denied", "不予许可", c => c.Denied),
        Figure("completed", "办结", c => c.Completed),
        Figure("withdrawn", "撤回", c => c.Withdrawn),
        Figure("notAccepted", "不予受理", c => c.NotAccepted),
        Figure("inProgress", "月末在办", c => c.InProgress),
        Figure("overdue", "超期", c => c.Overdue),
        Figure("completionWorkingDays", "办结总工作日", c => c.CompletionWorkingDays),
        new("averageWorkingDays", "平均办结工作日", r => r.Counts.AverageWorkingDays, r => r.Counts.AverageWorkingDays),
        Figure("mailingsSent", "寄递发出", c => c.MailingsSent),
        Figure("mailingsSigned", "寄递签收", c => c.MailingsSigned),
        Figure("ratedVerySatisfied", "非常满意", c => c.RatedVerySatisfied),
        Figure("ratedSatisfied", "满意", c => c.RatedSatisfied),
        Figure("ratedBasicallySatisfied", "基本满意", c => c.RatedBasicallySatisfied),
        Figure("ratedDissatisfied", "不满意", c => c.RatedDissatisfied),
        Figure("ratedVeryDissatisfied", "非常不满意", c => c.RatedVeryDissatisfied),
        Figure("badRatings", "差评", c => c.BadRatings),
        Figure("rectified", "整改完成", c => c.Rectified),
        Figure("rectifiedInTime", "按期整改", c => c.RectifiedInTime),
        Figure("ticketsOpened", "咨询投诉建议", c => c.TicketsOpened),
        Figure("ticketsAnswered", "已答复", c => c.TicketsAnswered),
        Figure("receivedForOthers", "代其他办理点收件", c => c.ReceivedForOthers),
        Figure("receivedByOthers", "其他办理点代本办理点收件", c => c.ReceivedByOthers),
    ];

    public static string LevelName(LedgerRowLevel level) => level switch
    {
        LedgerRowLevel.Item => "明细",
        LedgerRowLevel.Unit => "单位小计",
        _ => "合计",
    };

    public static string ModeName(HandlingMode mode) => mode switch
    {
        HandlingMode.Online => "全程网办",
        HandlingMode.Proxy => "异地代收代办",
        _ => "多地联办",
    };

    /// <summary>A JSON row: the columns' keys and JSON values, in order.</summary>
    public static Dictionary<string, object?> JsonRow(LedgerRow row) => All.ToDictionary(c => c.Key, c => c.Json(row));

    private static LedgerColumn Text(string key, string header, Func<LedgerRow, string?> value) => new(key, header, value, value);

    private static LedgerColumn Figure(string key, string header, Func<LedgerCounts, long> value) =>
        new(key, header, r => value(r.Counts), r => value(r.Counts));
}
