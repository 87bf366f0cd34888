namespace KuaSheng.Console.Localization;

// 监管看板 (screen 6).
public static partial class T
{
    public static readonly Text Dashboard = new("监管看板", "Supervision dashboard");
    public static readonly Text DashboardIntro = new("全区办件概况：每张图下方的表格列出同样的数字。",
        "The district's cases at a glance; the table under each chart holds the same numbers.");
    public static readonly Text CasesByStatus = new("按状态统计办件", "Cases by status");
    public static readonly Text CasesByMode = new("按办理模式统计办件", "Cases by mode");
    public static readonly Text OverdueByUnit = new("各单位超期办件（未完成时限）", "Overdue by unit (open deadlines)");
    public static readonly Text ReceivedPerDay = new("近 {0} 天每日收件", "Received per day, last {0} days");
    public static readonly Text Day = new("日期", "Day");
    public static readonly Text Count = new("件数", "Cases");
    public static readonly Text ChartAsTable = new("图表数据", "Chart data");
}
