using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Intake;
using KuaSheng.Domain.Routing;
using KuaSheng.Domain.Units;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Domain.Tests.Intake;

public class SubmissionRulesTests
{
    private static readonly ReferenceData Data = ReferenceData.Embedded;
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly CaseIdentity Identity = new("c-1", "QJ-20261127-000001", "hash");
    private static readonly CommandActor Clerk = new("window", "clerk", "qj-window");

    private static readonly Unit TongziNotary = new("ext-520322-notary", "桐梓县公证处", "520322", UnitLevel.External, UnitKind.Department, null, ["1-1"]);

    private static string Id(string first17) => first17 + ResidentIdNumber.ComputeCheckCharacter(first17);

    private static readonly string TongziId = Id("52032219900307001");
    private static readonly string QijiangId = Id("50022219850612002"); // 500222: Qijiang's code before 2011

    private static CaseApplication Application(
        string item = "1-1", HandlingMode mode = HandlingMode.Proxy, Channel channel = Channel.Window, string? idNumber = null,
        string? region = null, string? town = null, string? counterpart = null, bool original = true, string? phone = "13800138000",
        DeliveryMethod delivery = DeliveryMethod.Mail, string? address = "贵州省桐梓县娄山关街道1号") =>
        new(item, mode, channel, channel == Channel.Online ? null : "qj-window",
            new ApplicantInput(ApplicantKind.Person, "张三", idNumber ?? TongziId, phone, region, town),
            null, counterpart, [new Material("毕业证书", original)], new DeliveryPreference(delivery, address));

    private static (SubmitCase? Command, Refusal? Refusal) Prepare(CaseApplication app, UnitDirectory? units = null) =>
        SubmissionRules.Prepare(app, Identity, Data.Catalogue, units ?? Data.Units.With(TongziNotary), Today, Clerk);

    [Fact]
    public void A_valid_proxy_application_routes_to_the_applicants_home_unit_by_the_id_region()
    {
        var (command, refusal) = Prepare(Application());
        Assert.Null(refusal);
        Assert.Equal("520322", command!.Applicant.Region);
        Assert.Equal("ext-520322-notary", Assert.Single(command.Legs).UnitId);
        Assert.Equal("1-1", command.Item.Code);
        Assert.True(command.Item.RequiresOriginals);
        Assert.Equal("qj-window", command.ReceivingUnitId);
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var bad = TongziId[..17] + (TongziId[17] == '0' ? '1' : '0');
        var (command, refusal) = Prepare(Application(idNumber: bad, phone: "12345", address: " ") with { Materials = [new Material(" ", true)] });
        Assert.Null(command);
        Assert.Equal(RefusalCodes.ValidationFailed, refusal!.Code);
        Assert.Equal(["applicant.idNumber", "applicant.phone", "delivery.address", "materials[0].name"], refusal.Errors!.Keys.Order());
        Assert.DoesNotContain(bad, string.Join(" ", refusal.Errors["applicant.idNumber"])); // never echo the number
    }

    [Theory]
    [InlineData("9-99", "itemCode")]
    [InlineData("", "itemCode")]
    public void An_unknown_item_is_refused_on_the_item_code(string item, string field) =>
        Assert.True(Prepare(Application(item: item)).Refusal!.Errors!.ContainsKey(field));

    [Fact]
    public void An_item_that_needs_originals_needs_a_material_marked_original() =>
        Assert.True(Prepare(Application(original: false)).Refusal!.Errors!.ContainsKey("materials"));

    [Fact]
    public void Modes_and_channels_must_fit_the_item()
    {
        Assert.True(Prepare(Application(mode: HandlingMode.Online)).Refusal!.Errors!.ContainsKey("mode")); // 1-1 is not online
        Assert.True(Prepare(Application(item: "1-15", mode: HandlingMode.Online, original: false)).Refusal!.Errors!.ContainsKey("channel"));
        Assert.True(Prepare(Application(item: "1-7", original: false)).Refusal!.Errors!.ContainsKey("mode")); // joint item
    }

    [Fact]
    public void A_joint_item_needs_the_other_place_and_routes_both_legs()
    {
        var app = Application(item: "1-7", mode: HandlingMode.Joint, idNumber: QijiangId, region: "500110", original: false);
        Assert.True(Prepare(app).Refusal!.Errors!.ContainsKey("counterpartRegion"));
        var tongziHrss = new Unit("ext-520322-hrss", "桐梓县人社局", "520322", UnitLevel.External, UnitKind.Department, null, ["1-7"]);
        var (command, refusal) = Prepare(app with { CounterpartRegion = "520322" }, Data.Units.With(tongziHrss));
        Assert.Null(refusal);
        Assert.Equal([("qj-hrss", LegRole.TransferIn), ("ext-520322-hrss", LegRole.TransferOut)], command!.Legs.Select(l => (l.UnitId, l.Role)));
    }

    private static readonly string ChengduId = Id("51010719880305002"); // born in Chengdu's Jinniu district (510107)

    private static readonly Unit SichuanHrss = new("ext-510000-hrss", "四川省社会保险事业管理局", "510000", UnitLevel.External,
        UnitKind.Department, null, ["1-7", "2-3"]);

    [Fact]
    public void A_worker_born_in_Chengdu_moves_her_pension_into_Qijiang_at_the_Qijiang_window()
    {
        // 申请人可向转入地申请: the in-place is where she applies, not where her ID number was issued.
        var app = Application(item: "1-7", mode: HandlingMode.Joint, idNumber: ChengduId, counterpart: "510107", original: false);
        var (command, refusal) = Prepare(app, Data.Units.With(SichuanHrss));
        Assert.Null(refusal);
        Assert.Equal([("qj-hrss", LegRole.TransferIn), ("ext-510000-hrss", LegRole.TransferOut)], command!.Legs.Select(l => (l.UnitId, l.Role)));
        Assert.Equal("510107", command.Applicant.Region); // the home region itself is still the ID's
    }

    [Fact]
    public void A_migration_received_at_a_town_centre_goes_in_to_that_towns_police_station()
    {
        var app = Application(item: "2-3", mode: HandlingMode.Joint, idNumber: ChengduId, counterpart: "510107", original: false)
            with { ReceivingUnitId = "town-500110003" };
        var (command, refusal) = Prepare(app, Data.Units.With(SichuanHrss));
        Assert.Null(refusal);
        Assert.Equal([("police-500110003", LegRole.TransferIn), ("ext-510000-hrss", LegRole.TransferOut)], command!.Legs.Select(l => (l.UnitId, l.Role)));
    }

    [Fact]
    public void An_online_joint_case_needs_the_declared_region_of_the_in_place()
    {
        var app = Application(item: "1-7", mode: HandlingMode.Joint, channel: Channel.Online, idNumber: ChengduId, counterpart: "510107", original: false);
        var (command, refusal) = Prepare(app, Data.Units.With(SichuanHrss));
        Assert.Null(command);
        Assert.Equal(RefusalCodes.ValidationFailed, refusal!.Code);
        Assert.Equal(["applicant.region"], refusal.Errors!.Keys);

        var declared = Prepare(app with { Applicant = app.Applicant with { Region = "500110" } }, Data.Units.With(SichuanHrss));
        Assert.Equal("qj-hrss", declared.Command!.Legs.Single(l => l.Role == LegRole.TransferIn).UnitId);
    }

    [Fact]
    public void A_joint_case_whose_two_places_are_one_unit_is_no_route_naming_the_unit_and_both_places()
    {
        var app = Application(item: "1-7", mode: HandlingMode.Joint, idNumber: ChengduId, counterpart: "500110", original: false);
        var (command, refusal) = Prepare(app);
        Assert.Null(command);
        Assert.Equal(RefusalCodes.NoRoute, refusal!.Code);
        Assert.Contains("qj-hrss", refusal.Message);
        Assert.Contains("区人力社保局", refusal.Message);
        Assert.Contains("transfer-in 500110", refusal.Message);
        Assert.Contains("transfer-out 500110", refusal.Message);
    }

    [Theory]
    [InlineData("1-12", "qj-hrss")]     // 申请人可向转入地申请 (退役军人养老保险, with the military agency)
    [InlineData("1-28", "cq-commerce")] // 车辆转入地可为…办理转移登记 (二手车交易登记)
    public void Items_handled_at_the_in_place_go_to_the_window_s_place_not_the_birthplace(string item, string unit)
    {
        var (command, refusal) = Prepare(Application(item: item, idNumber: ChengduId, original: false));
        Assert.Null(refusal);
        Assert.Equal(unit, Assert.Single(command!.Legs).UnitId);
    }

    [Fact]
    public void No_unit_for_the_home_region_is_no_route()
    {
        var (_, refusal) = Prepare(Application(), Data.Units);
        Assert.Equal(RefusalCodes.NoRoute, refusal!.Code);
    }

    [Fact]
    public void A_town_code_routes_to_the_town_and_a_malformed_one_is_refused()
    {
        var app = Application(item: "1-6", idNumber: QijiangId, region: "500110", town: "500110003", original: false);
        Assert.Equal("town-500110003", Prepare(app).Command!.Legs[0].UnitId);
        Assert.True(Prepare(app with { Applicant = app.Applicant with { TownCode = "5001" } }).Refusal!.Errors!.ContainsKey("applicant.townCode"));
    }

    [Fact]
    public void An_organisation_with_a_failing_credit_code_check_is_accepted_with_a_warning()
    {
        const string first17 = "91500110MA5U0000X";
        var good = first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
        var failing = first17 + (good[17] == '0' ? '1' : '0');
        var app = Application(item: "1-31", original: false) with
        {
            Applicant = new ApplicantInput(ApplicantKind.Organization, "綦江某公司", failing, "13800138000", null, null),
        };
        var (command, refusal) = Prepare(app);
        Assert.Null(refusal);
        Assert.Equal("500110", command!.Applicant.Region); // 登记管理机关行政区划码
        Assert.Equal("qj-samr", command.Legs[0].UnitId);
        Assert.Single(command.Warnings);
    }

    [Fact]
    public void A_retired_item_takes_no_new_applications()
    {
        var (retired, _) = Data.Catalogue.Retire("1-1");
        var (_, refusal) = SubmissionRules.Prepare(Application(), Identity, retired!, Data.Units.With(TongziNotary), Today, Clerk);
        Assert.Contains("retired", refusal!.Errors!["itemCode"][0]);
    }

    [Fact]
    public void The_receiving_unit_must_be_a_window()
    {
        var app = Application() with { ReceivingUnitId = "qj-hrss" };
        Assert.True(Prepare(app).Refusal!.Errors!.ContainsKey("receivingUnitId"));
        Assert.True(Prepare(app with { ReceivingUnitId = "nope" }).Refusal!.Errors!.ContainsKey("receivingUnitId"));
    }
}
