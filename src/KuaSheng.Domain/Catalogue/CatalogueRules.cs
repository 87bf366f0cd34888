using System.Text.RegularExpressions;
using KuaSheng.Domain.Catalogue.Source;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;
using KuaSheng.Domain.Units;

namespace KuaSheng.Domain.Catalogue;

/// <summary>
/// What the service derives from an item's printed text. Each rule reads only the seed's words, so a reader can
/// check it against the attachment; where the words are not enough, <see cref="CatalogueOverrides"/> says so per item.
/// </summary>
public static partial class CatalogueRules
{
    /// <summary>多地联办: the scenario has two places working together (转入地与转出地, 迁入地和迁出地).</summary>
    [GeneratedRegex("转入地与转出地|迁入地和迁出地|转入地与.{0,6}协同")]
    private static partial Regex JointWording();

    /// <summary>全程网办: the scenario says the application is made online (网上) or self-service (自助).</summary>
    [GeneratedRegex("网上|自助")]
    private static partial Regex OnlineWording();

    /// <summary>Joint items are handled jointly only; every other item can be received by a proxy window
    /// (异地代收代办), and also online where the scenario says so.</summary>
    public static IReadOnlyList<HandlingMode> Modes(SourceItem item)
    {
        if (JointWording().IsMatch(item.Scenario)) return [HandlingMode.Joint];
        return OnlineWording().IsMatch(item.Scenario) ? [HandlingMode.Online, HandlingMode.Proxy] : [HandlingMode.Proxy];
    }

    /// <summary>原件审查: a notarisation certifies a document the notary must see (公证), and a certificate
    /// exchange surrenders the old paper (换证 / 换领).</summary>
    public static bool RequiresOriginals(SourceItem item) =>
        item.Name.EndsWith("公证", StringComparison.Ordinal)
        || item.Name.EndsWith("换证", StringComparison.Ordinal)
        || item.Name.EndsWith("换领", StringComparison.Ordinal);

    /// <summary>承诺时限 in working days, by what the item is. Categories, first match wins:
    /// look-ups, checks, print-outs and certificates (查询 核验 打印 证明), self-service certifications (认证),
    /// reporting a card lost (挂失), enabling (启用) and electronic cards (电子…申领): 1 day (即办);
    /// filings (备案): 5; market-entity registrations (设立/变更/注销登记): 3 (市场主体登记管理条例 art. 19);
    /// notarisations (公证): 15 (公证程序规则 art. 35); joint handling: 45 (行政许可法 art. 42);
    /// anything else: 20 (art. 42).</summary>
    public static int PromisedDays(SourceItem item, IReadOnlyList<HandlingMode> modes, TimeLimits limits)
    {
        var name = item.Name;
        if (modes.Contains(HandlingMode.Joint)) return limits.DecisionMaxFor(joint: true);
        if (ImmediateWording().IsMatch(name)) return 1;
        if (name.Contains("备案", StringComparison.Ordinal)) return 5;
        if (RegistrationWording().IsMatch(name)) return 3;
        if (name.EndsWith("公证", StringComparison.Ordinal)) return 15;
        return limits.DecisionMaxFor(joint: false);
    }

    [GeneratedRegex("查询|核验|打印|证明|认证|挂失|启用|电子.*申领")]
    private static partial Regex ImmediateWording();

    [GeneratedRegex("(设立|变更|注销)登记$")]
    private static partial Regex RegistrationWording();

    /// <summary>
    /// The unit ids that may decide: the district units printed for the item (各镇街 / 各派出所 / 各市场监管所
    /// expand to every town's unit, so the applicant's town wins by region), or the city lead department where the
    /// attachment prints `--`.
    /// </summary>
    public static IReadOnlyList<string> Candidates(SourceItem item, IReadOnlyList<string> townCodes)
    {
        if (item.DistrictUnits.Count == 0)
            return KnownUnits.City.TryGetValue(item.CityLead, out var lead) ? [lead] : [];
        var ids = new List<string>();
        foreach (var name in item.DistrictUnits)
        {
            if (KnownUnits.District.TryGetValue(name, out var id)) ids.Add(id);
            else if (KnownUnits.PerTown.TryGetValue(name, out var kind)) ids.AddRange(townCodes.Select(t => KnownUnits.TownUnitId(kind, t)));
        }
        return ids;
    }

    /// <summary>Items decided where the applicant is now rather than at home: 所在地 (婚姻登记机关, 公安局门),
    /// 出生地, or the applicant's choice of 居住地/工作地 (可在居住地 / 可选择在居住地); and items the applicant applies for
    /// at the in-place (向转入地申请, 在转入地申请, 在迁入地申请, 车辆转入地可为…办理).</summary>
    [GeneratedRegex("所在地婚姻登记机关|所在地市公安局门|出生地市公安局门|可在居住地|可选择在居住地|向(人事档案)?转入地申请|在转入地申请|在迁入地申请|转入地可为")]
    private static partial Regex PlaceOfApplicationWording();

    public static UnitSelector HomeSelector(SourceItem item) =>
        PlaceOfApplicationWording().IsMatch(item.Scenario) ? UnitSelector.PlaceOfApplication : UnitSelector.HomeRegion;

    /// <summary>One home leg, or for joint items a transfer-in leg at the place of application (申请人可向转入地申请:
    /// where the applicant applies, not where the ID number was issued) and a transfer-out leg in the counterpart region,
    /// in parallel.</summary>
    public static RoutingPlan Routing(SourceItem item, IReadOnlyList<HandlingMode> modes, IReadOnlyList<string> candidates)
    {
        if (!modes.Contains(HandlingMode.Joint)) return RoutingPlan.SingleHome(candidates, HomeSelector(item));
        return new RoutingPlan([
            new LegSpec(LegRole.TransferIn, 1, UnitSelector.PlaceOfApplication, candidates),
            new LegSpec(LegRole.TransferOut, 1, UnitSelector.CounterpartRegion, candidates),
        ]);
    }
}
