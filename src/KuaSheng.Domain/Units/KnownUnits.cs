namespace KuaSheng.Domain.Units;

/// <summary>
/// The fixed ids of the units the seed names. Ids are ASCII slugs so that they sit well in URLs, persistence ids
/// and JWT claims; the Chinese name is the display name. Ids never change once published.
/// </summary>
public static class KnownUnits
{
    public const string QijiangRegion = Regions.RegionCode.Qijiang;
    public const string ChongqingRegion = Regions.RegionCode.Chongqing;

    /// <summary>区政务服务中心跨省通办专窗.</summary>
    public const string DistrictWindow = "qj-window";
    public const string DistrictWindowName = "区政务服务中心跨省通办专窗";

    /// <summary>Qijiang district units named in the attachment (区级实施单位).</summary>
    public static readonly IReadOnlyDictionary<string, string> District = new Dictionary<string, string>
    {
        ["区公证处"] = "qj-notary",
        ["区司法局"] = "qj-justice",
        ["区人力社保局"] = "qj-hrss",
        ["区不动产登记中心"] = "qj-realestate",
        ["区生态环境局"] = "qj-ecoenv",
        ["区卫生健康委"] = "qj-health",
        ["区市场监管局"] = "qj-samr",
        ["区医保局"] = "qj-medins",
        ["区公安分局"] = "qj-police",
        ["区民政局"] = "qj-civil",
        ["区残联"] = "qj-disabled",
        ["区规划自然资源局"] = "qj-planning",
        ["区交通局"] = "qj-transport",
    };

    /// <summary>Chongqing municipal departments named as lead or cooperating units (市级主管部门).</summary>
    public static readonly IReadOnlyDictionary<string, string> City = new Dictionary<string, string>
    {
        ["市司法局"] = "cq-justice",
        ["市教委"] = "cq-education",
        ["市公安局"] = "cq-police",
        ["市人力社保局"] = "cq-hrss",
        ["市规划自然资源局"] = "cq-planning",
        ["市民政局"] = "cq-civil",
        ["市卫生健康委"] = "cq-health",
        ["市市场监管局"] = "cq-samr",
        ["市高法院"] = "cq-court",
        ["市生态环境局"] = "cq-ecoenv",
        ["市住房城乡建委"] = "cq-housing",
        ["市商务委"] = "cq-commerce",
        ["重庆市税务局"] = "cq-tax",
        ["市医保局"] = "cq-medins",
        ["民航重庆监管局"] = "cq-caac",
        ["市邮政管理局"] = "cq-post",
        ["市药监局"] = "cq-nmpa",
        ["市交通局"] = "cq-transport",
        ["市林业局"] = "cq-forestry",
        ["重庆海关"] = "cq-customs",
        ["市残联"] = "cq-disabled",
        ["人行重庆营管部"] = "cq-pbc",
    };

    /// <summary>Placeholders in the attachment that mean "the one of the applicant's town or street".</summary>
    public static readonly IReadOnlyDictionary<string, TownUnitKind> PerTown = new Dictionary<string, TownUnitKind>
    {
        ["各镇街"] = TownUnitKind.ServiceCentre,
        ["各派出所"] = TownUnitKind.PoliceStation,
        ["各市场监管所"] = TownUnitKind.MarketSupervision,
    };

    public static string TownUnitId(TownUnitKind kind, string townCode) => kind switch
    {
        TownUnitKind.ServiceCentre => $"town-{townCode}",
        TownUnitKind.PoliceStation => $"police-{townCode}",
        TownUnitKind.MarketSupervision => $"samr-{townCode}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string TownUnitName(TownUnitKind kind, string townName) => kind switch
    {
        TownUnitKind.ServiceCentre => $"{townName}便民服务中心",
        TownUnitKind.PoliceStation => $"{townName}派出所",
        TownUnitKind.MarketSupervision => $"{townName}市场监管所",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>The unit kinds the attachment names per town or street (各镇街 / 各派出所 / 各市场监管所).</summary>
public enum TownUnitKind { ServiceCentre, PoliceStation, MarketSupervision }
