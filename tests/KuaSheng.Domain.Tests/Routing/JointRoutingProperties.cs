using CsCheck;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Intake;
using KuaSheng.Domain.Regions;
using KuaSheng.Domain.Routing;
using KuaSheng.Domain.Units;
using KuaSheng.Domain.Tests.Validation;

namespace KuaSheng.Domain.Tests.Routing;

/// <summary>
/// 转入地 / 迁入地 is where the applicant applies (申请人可向转入地申请), whatever the ID number says about where they were
/// first registered; 转出地 / 迁出地 is the counterpart region. Checked over every joint item of the catalogue, through
/// the intake rules a window's application goes through.
/// </summary>
public class JointRoutingProperties
{
    private static readonly ReferenceData Data = ReferenceData.Embedded;
    private static readonly CaseIdentity Identity = new("c-1", "QJ-20250630-000001", "hash");

    private static readonly CatalogueItem[] JointItems = Data.Catalogue.Current.Where(i => i.IsJoint).ToArray();

    /// <summary>A county of another province (never Chongqing, 50): province + city + county, none of them 00.</summary>
    private static readonly Gen<string> ElsewhereCounty =
        Gen.Select(Gen.OneOf(Reference.Provinces.Where(p => p != "50").ToArray()), Gen.Int[1, 99], Gen.Int[1, 99],
            (province, city, county) => $"{province}{city:D2}{county:D2}");

    /// <summary>Nothing registered there, a department for the county itself, or one for its whole province.</summary>
    private enum Registration { None, County, Province }

    private static readonly Gen<Registration> AnyRegistration = Gen.Enum<Registration>();

    /// <summary>The external department a registration puts in the directory for the item, if any.</summary>
    private static Unit? Department(Registration registration, CatalogueItem item, string county) => registration switch
    {
        Registration.County => new Unit($"ext-{county}-{item.Code}", $"外省县级经办机构 {county}", county, UnitLevel.External,
            UnitKind.Department, null, [item.Code]),
        Registration.Province => new Unit($"ext-{county[..2]}0000-{item.Code}", $"外省省级经办机构 {county[..2]}", county[..2] + "0000",
            UnitLevel.External, UnitKind.Department, null, [item.Code]),
        _ => null,
    };

    /// <summary>The item's own unit for Qijiang as a whole (district 500110): the built-in candidate whose region covers
    /// the district most narrowly (a district unit before the city's; town units cover only their town).</summary>
    private static string QijiangUnit(CatalogueItem item) =>
        item.Routing.Legs.SelectMany(l => l.Candidates).Select(Data.Units.Find).OfType<Unit>()
            .Where(u => !u.IsExternal && RegionCode.Qijiang.StartsWith(RegionCode.SignificantPrefix(u.Region), StringComparison.Ordinal))
            .OrderByDescending(u => RegionCode.SignificantPrefix(u.Region).Length)
            .First().Id;

    private static CaseApplication Application(CatalogueItem item, string idNumber, Channel channel, string? receivingUnitId, string counterpart,
        string? region = null) =>
        new(item.Code, HandlingMode.Joint, channel, receivingUnitId,
            new ApplicantInput(ApplicantKind.Person, "王芳", idNumber, "13800138000", region, null),
            null, counterpart, [new Material("申请表", item.RequiresOriginals)], new DeliveryPreference(DeliveryMethod.Pickup, null));

    private static (SubmitCase? Command, Refusal? Refusal) Prepare(CaseApplication app, UnitDirectory units, string byUnit) =>
        SubmissionRules.Prepare(app, Identity, Data.Catalogue, units, Reference.Today, new CommandActor("window", "clerk", byUnit));

    private static string? Unit(SubmitCase command, LegRole role) => command.Legs.SingleOrDefault(l => l.Role == role)?.UnitId;

    [Fact]
    public void The_catalogue_has_the_joint_items_of_the_seed() =>
        // 1-7..1-11 养老保险, 2-3..2-7 户口迁移, 2-16 失业保险, 2-26 人事档案, 2-60 医疗保险 (1-12 is a proxy item: see overrides).
        Assert.Equal(["1-7", "1-8", "1-9", "1-10", "1-11", "2-3", "2-4", "2-5", "2-6", "2-7", "2-16", "2-26", "2-60"],
            JointItems.Select(i => i.Code));

    [Fact]
    public void At_the_Qijiang_window_the_in_leg_is_Qijiangs_and_the_out_leg_the_counterparts_whatever_the_birthplace() =>
        Gen.Select(Gen.OneOf(JointItems), Reference.ValidId, ElsewhereCounty, AnyRegistration)
            .Sample((item, idNumber, counterpart, registration) =>
            {
                var outUnit = Department(registration, item, counterpart);
                var units = outUnit is null ? Data.Units : Data.Units.With(outUnit);
                var (command, refusal) = Prepare(Application(item, idNumber, Channel.Window, KnownUnits.DistrictWindow, counterpart),
                    units, KnownUnits.DistrictWindow);
                if (outUnit is null)
                    return command is null && refusal!.Code == RefusalCodes.NoRoute
                        && refusal.Message.Contains(counterpart) && refusal.Message.Contains("transfer-out");
                return refusal is null
                    && Unit(command!, LegRole.TransferIn) == QijiangUnit(item)
                    && Unit(command!, LegRole.TransferOut) == outUnit.Id
                    && command!.Legs.Count == 2;
            });

    [Fact]
    public void At_a_window_of_another_province_the_in_leg_is_there_and_the_out_leg_is_Qijiangs_whatever_the_birthplace() =>
        Gen.Select(Gen.OneOf(JointItems), Reference.ValidId, ElsewhereCounty, AnyRegistration)
            .Sample((item, idNumber, here, registration) =>
            {
                var window = new Unit($"ext-{here}-window", $"外省跨省通办窗口 {here}", here, UnitLevel.External, UnitKind.Window, null, []);
                var inUnit = Department(registration, item, here);
                var units = Data.Units.With(window);
                if (inUnit is not null) units = units.With(inUnit);
                var (command, refusal) = Prepare(Application(item, idNumber, Channel.Integration, window.Id, RegionCode.Qijiang),
                    units, window.Id);
                if (inUnit is null)
                    return command is null && refusal!.Code == RefusalCodes.NoRoute
                        && refusal.Message.Contains(here) && refusal.Message.Contains("transfer-in");
                return refusal is null
                    && Unit(command!, LegRole.TransferIn) == inUnit.Id
                    && Unit(command!, LegRole.TransferOut) == QijiangUnit(item)
                    && command!.Legs.Count == 2;
            });
}
