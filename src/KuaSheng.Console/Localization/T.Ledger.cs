namespace KuaSheng.Console.Localization;

// 月度台账 (screen 7).
public static partial class T
{
    public static readonly Text Ledger = new("月度台账", "Monthly ledger");
    public static readonly Text LedgerIntro = new("按单位、事项和办理模式统计的本月台账，与接口和下载文件的数字相同。",
        "The month's figures per unit, item and mode: the same rows as the API and the downloads.");
    public static readonly Text Month = new("月份", "Month");
    public static readonly Text AllUnits = new("全部单位", "All units");
    public static readonly Text Show = new("显示", "Show");
    public static readonly Text DownloadXlsx = new("下载 Excel（xlsx）", "Download xlsx");
    public static readonly Text DownloadCsv = new("下载 CSV", "Download CSV");
    public static readonly Text LedgerTitle = new("{0} 台账", "Ledger {0}");
    public static readonly Text BadMonth = new("月份格式应为 YYYY-MM。", "The month is YYYY-MM.");
    public static readonly Text UnknownUnit = new("没有该单位。", "No such unit.");
}
