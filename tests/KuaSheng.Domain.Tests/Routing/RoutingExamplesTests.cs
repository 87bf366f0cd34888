using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Routing;
using KuaSheng.Domain.Units;

namespace KuaSheng.Domain.Tests.Routing;

/// <summary>The routing examples of DOMAIN.md, on the real catalogue and unit directory.</summary>
public class RoutingExamplesTests
{
    private static readonly ReferenceData Data = ReferenceData.Embedded;

    private static readonly Unit TongziHrss = new("ext-520322-hrss", "桐梓县人力资源和社会保障局", "520322",
        UnitLevel.External, UnitKind.Department, null, ["1-6", "1-7", "1-1"]);

    private static readonly Unit SichuanHrss = new("ext-510000-hrss", "四川省人力资源和社会保障厅", "510000",
        UnitLevel.External, UnitKind.Department, null, ["1-6", "1-7"]);

    private static (IReadOnlyList<Leg> Legs, Refusal? Refusal) Plan(string code, RouteRequest request, UnitDirectory? units = null) =>
        RoutingPlanner.Plan(Data.Catalogue.Find(code)!, units ?? Data.Units, request);

    private static IReadOnlyList<(string Unit, LegRole Role, int Order)> Shape(IReadOnlyList<Leg> legs) =>
        legs.Select(l => (l.UnitId, l.Role, l.Order)).ToList();

    [Fact]
    public void Hrss_and_towns_go_to_the_applicants_town_when_known_else_the_bureau()
    {
        Assert.Equal([("town-500110003", LegRole.Home, 1)], Shape(Plan("1-6", new("500110", "500110003", null)).Legs));
        Assert.Equal([("qj-hrss", LegRole.Home, 1)], Shape(Plan("1-6", new("500110", null, null)).Legs));
    }

    [Fact]
    public void Law_qualification_goes_to_the_district_then_the_city()
    {
        var (legs, refusal) = Plan("1-4", new("500110", null, null, "500110"));
        Assert.Null(refusal);
        Assert.Equal([("qj-justice", LegRole.PreliminaryReview, 1), ("cq-justice", LegRole.FinalReview, 2)], Shape(legs));
    }

    [Fact]
    public void Disability_subsidy_goes_to_civil_affairs_and_the_federation_in_parallel()
    {
        Assert.Equal([("qj-civil", LegRole.Home, 1), ("qj-disabled", LegRole.JointReview, 1)],
            Shape(Plan("2-10", new("500110", null, null)).Legs));
    }

    [Fact]
    public void Items_without_district_units_go_to_the_city_lead_for_any_Chongqing_applicant()
    {
        Assert.Equal([("cq-housing", LegRole.Home, 1)], Shape(Plan("1-25", new("500112", null, null)).Legs));
    }

    [Fact]
    public void A_transfer_has_the_local_unit_in_and_the_other_regions_unit_out()
    {
        var units = Data.Units.With(TongziHrss);
        var (legs, refusal) = Plan("1-7", new("500110", null, "520322"), units);
        Assert.Null(refusal);
        Assert.Equal([("qj-hrss", LegRole.TransferIn, 1), ("ext-520322-hrss", LegRole.TransferOut, 1)], Shape(legs));
    }

    [Fact]
    public void An_applicant_from_another_province_goes_to_the_external_unit_with_the_longest_matching_region()
    {
        var units = Data.Units.With(TongziHrss).With(SichuanHrss);
        Assert.Equal("ext-520322-hrss", Plan("1-6", new("520322", null, null), units).Legs[0].UnitId);
        Assert.Equal("ext-510000-hrss", Plan("1-6", new("510107", null, null), units).Legs[0].UnitId); // 51 covers 510107
    }

    [Fact]
    public void No_unit_for_the_region_is_a_no_route_refusal_naming_item_and_region()
    {
        var (legs, refusal) = Plan("1-6", new("440305", null, null));
        Assert.Empty(legs);
        Assert.Equal(RefusalCodes.NoRoute, refusal!.Code);
        Assert.Contains("1-6", refusal.Message);
        Assert.Contains("440305", refusal.Message);
    }

    [Fact]
    public void Two_level_review_is_a_Qijiang_procedure_and_is_dropped_for_an_external_home()
    {
        var guizhouJustice = new Unit("ext-520000-justice", "贵州省司法厅", "520000", UnitLevel.External, UnitKind.Department, null, ["1-4"]);
        var (legs, _) = Plan("1-4", new("520322", null, null), Data.Units.With(guizhouJustice));
        Assert.Equal([("ext-520000-justice", LegRole.PreliminaryReview, 1)], Shape(legs));
    }

    [Fact]
    public void Marriage_registration_is_decided_where_the_couple_applies_whatever_their_home()
    {
        Assert.Equal([("qj-civil", LegRole.Home, 1)], Shape(Plan("3-3", new("520322", null, null, "500110")).Legs));
    }

    [Fact]
    public void A_stored_plan_that_named_the_home_region_for_the_in_leg_still_routes_it_to_the_place_of_application()
    {
        // Catalogue versions written before the rule (or by an operator) may say homeRegion: the role decides the place.
        var item = Data.Catalogue.Find("1-7")!;
        var old = item with
        {
            Routing = new RoutingPlan([
                new LegSpec(LegRole.TransferIn, 1, UnitSelector.HomeRegion, item.Routing.Legs[0].Candidates),
                new LegSpec(LegRole.TransferOut, 1, UnitSelector.HomeRegion, item.Routing.Legs[1].Candidates),
            ]),
        };
        var (legs, refusal) = RoutingPlanner.Plan(old, Data.Units.With(SichuanHrss), new("510107", null, "510107", "500110"));
        Assert.Null(refusal);
        Assert.Equal([("qj-hrss", LegRole.TransferIn, 1), ("ext-510000-hrss", LegRole.TransferOut, 1)], Shape(legs));
    }

    [Fact]
    public void A_joint_case_received_at_another_provinces_window_has_its_in_leg_there()
    {
        var (legs, refusal) = Plan("1-7", new("500110", null, "500110", "510107", ReceivedExternally: true), Data.Units.With(SichuanHrss));
        Assert.Null(refusal);
        Assert.Equal([("ext-510000-hrss", LegRole.TransferIn, 1), ("qj-hrss", LegRole.TransferOut, 1)], Shape(legs));
    }

    [Fact]
    public void A_joint_case_whose_two_places_resolve_to_one_unit_is_refused()
    {
        var (_, refusal) = Plan("1-7", new("500110", null, "500110"));
        Assert.Equal(RefusalCodes.NoRoute, refusal!.Code);
    }
}
