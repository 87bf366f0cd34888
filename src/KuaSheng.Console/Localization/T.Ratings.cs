namespace KuaSheng.Console.Localization;

// 好差评 (screen 8).
public static partial class T
{
    public static readonly Text Ratings = new("好差评", "Ratings");
    public static readonly Text RatingsIntro = new("本月各单位评价等级统计（来自月度台账），以及全部差评的整改情况。",
        "The month's ratings per unit and level (from the ledger), and every bad rating with its rectification.");
    public static readonly Text RatingsPerUnit = new("{0} 各单位评价", "Ratings per unit, {0}");
    public static readonly Text BadRatings = new("差评整改", "Bad ratings and rectification");
    public static readonly Text BadRatingsTotal = new("差评", "Bad");
    public static readonly Text RatingLevel = new("评价等级", "Rating");
    public static readonly Text RatedAt = new("评价时间", "Rated at");
    public static readonly Text RectificationUnit = new("整改单位", "Unit");
    public static readonly Text RectificationDue = new("整改期限", "Due");
    public static readonly Text RectificationState = new("整改状态", "State");
    public static readonly Text RectifiedAt = new("整改完成时间", "Rectified at");
}
