using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Routing;

namespace KuaSheng.Domain.Tests.Catalogue;

/// <summary>What the rules and overrides derive for the 140 items.</summary>
public class DerivationTests
{
    private static readonly ItemCatalogue Catalogue = ReferenceData.Embedded.Catalogue;

    private static CatalogueItem Item(string code) => Catalogue.Find(code) ?? throw new KeyNotFoundException(code);

    [Fact]
    public void Every_item_has_modes_a_plan_and_a_lawful_time_limit()
    {
        var items = Catalogue.Current.ToList();
        Assert.Equal(140, items.Count);
        Assert.All(items, i =>
        {
            Assert.NotEmpty(i.Modes);
            Assert.NotEmpty(i.Routing.Legs);
            Assert.All(i.Routing.Legs, l => Assert.NotEmpty(l.Candidates));
            Assert.InRange(i.PromisedDays, 1, i.IsJoint ? 45 : 20);
            Assert.Equal(1, i.Version);
        });
    }

    [Theory]
    [InlineData("1-7")] [InlineData("1-8")] [InlineData("1-9")] [InlineData("1-10")] [InlineData("1-11")]
    [InlineData("2-3")] [InlineData("2-4")] [InlineData("2-5")] [InlineData("2-6")] [InlineData("2-7")]
    [InlineData("2-16")] [InlineData("2-26")] [InlineData("2-60")]
    public void Transfers_and_migrations_are_joint_with_a_transfer_in_and_a_transfer_out_leg(string code)
    {
        var item = Item(code);
        Assert.Equal([HandlingMode.Joint], item.Modes);
        Assert.Equal([LegRole.TransferIn, LegRole.TransferOut], item.Routing.Legs.Select(l => l.Role));
        Assert.Equal(UnitSelector.CounterpartRegion, item.Routing.Legs[1].Selector);
        Assert.Equal(45, item.PromisedDays);
    }

    [Fact]
    public void Joint_items_are_exactly_the_thirteen_transfers_and_migrations()
    {
        Assert.Equal(13, Catalogue.Current.Count(i => i.IsJoint));
        Assert.False(Item("1-12").IsJoint); // the military agency is not a region: override
    }

    [Fact]
    public void Law_qualification_is_reviewed_at_two_levels()
    {
        foreach (var code in new[] { "1-4", "2-11" })
        {
            var legs = Item(code).Routing.Legs;
            Assert.Equal([LegRole.PreliminaryReview, LegRole.FinalReview], legs.Select(l => l.Role));
            Assert.Equal(["qj-justice"], legs[0].Candidates);
            Assert.Equal(["cq-justice"], legs[1].Candidates);
            Assert.Equal([1, 2], legs.Select(l => l.Order));
            Assert.True(Item(code).RequiresOriginals);
        }
    }

    [Fact]
    public void Disability_subsidy_is_reviewed_jointly_with_the_disabled_persons_federation()
    {
        var legs = Item("2-10").Routing.Legs;
        Assert.Equal([LegRole.Home, LegRole.JointReview], legs.Select(l => l.Role));
        Assert.Equal(["qj-civil"], legs[0].Candidates);
        Assert.Equal(["qj-disabled"], legs[1].Candidates);
        Assert.All(legs, l => Assert.Equal(1, l.Order));
    }

    [Fact]
    public void Items_without_district_units_go_to_the_city_lead()
    {
        Assert.Equal(["cq-hrss"], Item("1-18").Routing.Legs[0].Candidates);
        Assert.Equal(["cq-housing"], Item("1-25").Routing.Legs[0].Candidates);
        Assert.Equal(["cq-caac"], Item("1-49").Routing.Legs[0].Candidates);
    }

    [Fact]
    public void Per_town_units_expand_to_every_town_after_the_district_unit()
    {
        var candidates = Item("1-5").Routing.Legs[0].Candidates;
        Assert.Equal("qj-hrss", candidates[0]);
        Assert.Contains("town-500110001", candidates);
        Assert.Equal(1 + ReferenceData.Embedded.Regions.QijiangTowns.Count, candidates.Count);
        Assert.Contains("police-500110101", Item("2-1").Routing.Legs[0].Candidates);
        Assert.Contains("samr-500110007", Item("1-37").Routing.Legs[0].Candidates);
    }

    [Theory]
    [InlineData("1-1", true)] [InlineData("1-2", true)] [InlineData("1-3", true)] [InlineData("2-12", true)]
    [InlineData("2-48", true)] [InlineData("2-69", true)] [InlineData("1-5", false)] [InlineData("2-23", false)]
    public void Originals_are_examined_for_notarisations_and_certificate_exchanges(string code, bool expected) =>
        Assert.Equal(expected, Item(code).RequiresOriginals);

    [Theory]
    [InlineData("1-6", 1)]   // 查询打印
    [InlineData("1-13", 1)]  // 资格认证
    [InlineData("1-29", 5)]  // 备案
    [InlineData("1-31", 3)]  // 设立登记
    [InlineData("1-1", 15)]  // 公证
    [InlineData("1-24", 20)] // 排污许可
    [InlineData("3-3", 1)]   // override: 结婚登记 on the spot
    public void Promised_days_follow_the_item_category(string code, int days) => Assert.Equal(days, Item(code).PromisedDays);

    [Theory]
    [InlineData("1-15", true)] // 网上申领
    [InlineData("1-13", true)] // 自助办理
    [InlineData("1-1", false)]
    [InlineData("3-2", false)] // 线下取指纹和拍照
    public void Online_mode_where_the_scenario_says_online_or_self_service(string code, bool online)
    {
        Assert.Equal(online, Item(code).Supports(HandlingMode.Online));
        Assert.True(Item(code).Supports(HandlingMode.Proxy));
    }

    [Theory]
    [InlineData("3-3")] [InlineData("3-4")] [InlineData("3-1")] [InlineData("3-2")] [InlineData("1-5")] [InlineData("1-4")]
    [InlineData("1-12")] [InlineData("1-28")] // 申请人可向转入地申请 / 车辆转入地可为…办理转移登记
    public void Items_decided_where_the_applicant_is_now_route_by_place_of_application(string code) =>
        Assert.Equal(UnitSelector.PlaceOfApplication, Item(code).Routing.Legs[0].Selector);

    [Fact]
    public void Every_joint_items_transfer_in_leg_is_at_the_place_of_application_and_its_transfer_out_leg_at_the_counterpart()
    {
        foreach (var item in ReferenceData.Embedded.Catalogue.Current.Where(i => i.IsJoint))
        {
            Assert.Equal(UnitSelector.PlaceOfApplication, item.Routing.Legs.Single(l => l.Role == LegRole.TransferIn).Selector);
            Assert.Equal(UnitSelector.CounterpartRegion, item.Routing.Legs.Single(l => l.Role == LegRole.TransferOut).Selector);
        }
    }

    [Fact]
    public void Every_override_names_an_item_once_gives_its_reason_and_changes_what_the_rules_derived()
    {
        var towns = ReferenceData.Embedded.Regions.QijiangTowns.Select(t => t.Code).ToList();
        var sources = KuaSheng.Domain.Catalogue.Source.CatalogueSource.LoadEmbedded().ToDictionary(s => s.Code);
        Assert.Equal(CatalogueOverrides.All.Count, CatalogueOverrides.All.Select(o => o.Code).Distinct().Count());
        foreach (var o in CatalogueOverrides.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(o.Reason));
            var byRules = CatalogueBuilder.DeriveByRules(sources[o.Code], towns, Deadlines.TimeLimits.Default);
            Assert.NotEqual(Describe(byRules), Describe(o.Apply(byRules)));
        }
    }

    private static string Describe(CatalogueItem i) =>
        System.Text.Json.JsonSerializer.Serialize(new { i.Modes, i.RequiresOriginals, i.PromisedDays, i.Routing });
}
