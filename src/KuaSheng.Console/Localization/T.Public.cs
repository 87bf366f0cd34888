namespace KuaSheng.Console.Localization;

// 公众查询 (screen 10).
public static partial class T
{
    public static readonly Text PublicLookup = new("公众查询", "Look up my case");
    public static readonly Text PublicLookupIntro = new("请输入受理回执上的办件编号和查询码。", "Enter the case number and query code from your receipt.");
    public static readonly Text CaseNumber = new("办件编号", "Case number");
    public static readonly Text QueryCode = new("查询码", "Query code");
    public static readonly Text LookUp = new("查询", "Look up");
    public static readonly Text NoMatch = new("办件编号或查询码不正确。", "No case matches this case number and query code.");
    public static readonly Text Locked = new("查询码错误次数过多，请 {0} 分钟后再试，或致电窗口。",
        "Too many wrong query codes for this case; try again in {0} minutes, or call the window.");
    public static readonly Text RateService = new("评价本次服务", "Rate the service");
    public static readonly Text Rated = new("感谢您的评价。", "Thank you for your rating.");
    public static readonly Text ProgressTitle = new("办理进度", "Progress");
    public static readonly Text TooManyRequests = new("请求过于频繁，请稍后再试。", "Too many requests from your address; wait and try again.");
}
