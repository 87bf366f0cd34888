using KuaSheng.Domain.Regions;

namespace KuaSheng.Domain.Units;

/// <summary>The units the service starts with: the district window, the district units and city departments the
/// attachment names, and for every Qijiang town or street its service centre, police station and market-supervision
/// office (the attachment's 各镇街 / 各派出所 / 各市场监管所, modelled one per town).</summary>
public static class BuiltInUnits
{
    public static IEnumerable<Unit> Create(IEnumerable<Town> qijiangTowns)
    {
        yield return new Unit(KnownUnits.DistrictWindow, KnownUnits.DistrictWindowName, KnownUnits.QijiangRegion,
            UnitLevel.District, UnitKind.Window, null, []);
        foreach (var (name, id) in KnownUnits.District)
            yield return new Unit(id, name, KnownUnits.QijiangRegion, UnitLevel.District, UnitKind.Department, null, []);
        foreach (var (name, id) in KnownUnits.City)
            yield return new Unit(id, name, KnownUnits.ChongqingRegion, UnitLevel.City, UnitKind.Department, null, []);
        foreach (var town in qijiangTowns)
        {
            yield return Town(TownUnitKind.ServiceCentre, town, UnitKind.ServiceCentre, null);
            yield return Town(TownUnitKind.PoliceStation, town, UnitKind.Department, KnownUnits.District["区公安分局"]);
            yield return Town(TownUnitKind.MarketSupervision, town, UnitKind.Department, KnownUnits.District["区市场监管局"]);
        }
    }

    private static Unit Town(TownUnitKind kind, Town town, UnitKind unitKind, string? parent) =>
        new(KnownUnits.TownUnitId(kind, town.Code), KnownUnits.TownUnitName(kind, town.Name), town.Code,
            UnitLevel.Town, unitKind, parent, []);
}
