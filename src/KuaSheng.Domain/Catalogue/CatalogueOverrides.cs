using KuaSheng.Domain.Routing;
using KuaSheng.Domain.Units;

namespace KuaSheng.Domain.Catalogue;

/// <summary>An explicit change to what the rules derive for one item, with the words of the seed that demand it.</summary>
public sealed record ItemOverride(string Code, string Reason, Func<CatalogueItem, CatalogueItem> Apply);

/// <summary>Per-item overrides where the attachment's text says more than the general rules can read.</summary>
public static class CatalogueOverrides
{
    /// <summary>The preliminary leg keeps the derived selector: the applicant chooses 居住地、户籍地或工作地.</summary>
    private static RoutingPlan TwoLevelJusticeReview(CatalogueItem i) => new([
        new LegSpec(LegRole.PreliminaryReview, 1, i.Routing.Legs[0].Selector, [KnownUnits.District["区司法局"]]),
        new LegSpec(LegRole.FinalReview, 2, UnitSelector.Fixed, [KnownUnits.City["市司法局"]], OnlyWhenHomeIsLocal: true),
    ]);

    public static readonly IReadOnlyList<ItemOverride> All =
    [
        new("1-4", "区级…现场核对、初审，通过后提交重庆市司法局复核: 区司法局 preliminary review, then 市司法局 final review; " +
                   "on-site check of identity and graduation papers, so originals are examined.",
            i => i with { Routing = TwoLevelJusticeReview(i), RequiresOriginals = true }),
        new("2-11", "Same text as 1-4 (法律职业资格认定): two-level review 区司法局 → 市司法局, originals examined on site.",
            i => i with { Routing = TwoLevelJusticeReview(i), RequiresOriginals = true }),
        new("2-10", "（区残联联审）: 区民政局 decides with 区残联 reviewing in parallel; a denial by either denies the case.",
            i => i with
            {
                Routing = new RoutingPlan([
                    new LegSpec(LegRole.Home, 1, UnitSelector.HomeRegion, [KnownUnits.District["区民政局"]]),
                    new LegSpec(LegRole.JointReview, 1, UnitSelector.Fixed, [KnownUnits.District["区残联"]], OnlyWhenHomeIsLocal: true),
                ]),
            }),
        new("1-12", "转入地与军队经办机构协同办理: the other party is the military agency, not a region, so the case is one " +
                    "home leg at the transfer-in unit (proxy), not a region-to-region joint case; 申请人可向转入地申请, so the " +
                    "home leg is at the place of application.",
            i => i with
            {
                Modes = [HandlingMode.Proxy], PromisedDays = 20,
                Routing = RoutingPlan.SingleHome(i.Routing.Legs[0].Candidates, UnitSelector.PlaceOfApplication),
            }),
        new("3-3", "结婚登记 is registered on the spot at the registry (当场办理, 婚姻登记条例 art. 7), not within 20 days.",
            i => i with { PromisedDays = 1 }),
    ];

    public static CatalogueItem ApplyTo(CatalogueItem item) =>
        All.Where(o => o.Code == item.Code).Aggregate(item, (current, o) => o.Apply(current));
}
