namespace KuaSheng.Console.Localization;

// 办件查询 (screen 5).
public static partial class T
{
    public static readonly Text CaseSearch = new("办件查询", "Case search");
    public static readonly Text CaseSearchIntro = new("按条件查询您可见的办件；条件保存在地址中，可收藏或分享。",
        "Search the cases you may see; the filters stay in the address, to bookmark or share.");
    public static readonly Text SearchFilters = new("查询条件", "Filters");
    public static readonly Text AnyValue = new("全部", "Any");
    public static readonly Text ItemCode = new("事项编码", "Item code");
    public static readonly Text SubmittedFrom = new("收件日期起", "Received from");
    public static readonly Text SubmittedTo = new("收件日期止", "Received to");
    public static readonly Text OverdueFlag = new("超期", "Overdue");
    public static readonly Text Search = new("查询", "Search");
    public static readonly Text ClearFilters = new("清空条件", "Clear");
    public static readonly Text ExportCsv = new("导出 CSV", "Export CSV");
    public static readonly Text ResultCount = new("共 {0} 件", "{0} cases");
    public static readonly Text SearchResults = new("查询结果", "Results");
    public static readonly Text CompletedAt = new("办结时间", "Completed at");
    public static readonly Text PageOf = new("第 {0} / {1} 页", "Page {0} of {1}");
    public static readonly Text PreviousPage = new("上一页", "Previous");
    public static readonly Text NextPage = new("下一页", "Next");
    public static readonly Text Pagination = new("分页", "Pages");
    public static readonly Text NotYourUnit = new("该单位不在您的查询范围内。", "That unit is not one you may search.");
}
