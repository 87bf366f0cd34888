using KuaSheng.Domain;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Routing;
using KuaSheng.Domain.Units;

namespace KuaSheng.Api.Catalogue;

/// <summary>A catalogue item as the API shows it (API.md, Item). <c>districtUnits</c> are unit ids; the names printed
/// in the attachment (各镇街 and the like) stay in <c>districtUnitNames</c>.</summary>
public sealed record ItemView(
    string Code,
    int Version,
    ItemStatus Status,
    int Batch,
    int Seq,
    string Name,
    string Scenario,
    string CityLead,
    IReadOnlyList<string> CityCooperating,
    IReadOnlyList<string> DistrictUnits,
    IReadOnlyList<string> DistrictUnitNames,
    IReadOnlyList<string> Notes,
    string? DeadlineText,
    IReadOnlyList<HandlingMode> Modes,
    bool RequiresOriginals,
    int PromisedDays,
    RoutingView Routing);

public sealed record RoutingView(IReadOnlyList<LegSpecView> Legs);

/// <param name="OnlyWhenHomeIsLocal">The leg is dropped when the home leg goes to a unit outside Qijiang.</param>
public sealed record LegSpecView(LegRole Role, int Order, UnitSelector Selector, IReadOnlyList<string> Candidates, bool OnlyWhenHomeIsLocal);

public sealed record ItemList(IReadOnlyList<ItemView> Items);

public static class CatalogueViews
{
    public static ItemView From(CatalogueItem i, ReferenceData data) => new(
        i.Code, i.Version, i.Status, i.Batch, i.Seq, i.Name, i.Scenario, i.CityLead, i.CityCooperating,
        DistrictUnitIds(i.DistrictUnits, data), i.DistrictUnits, i.Notes, i.DeadlineText, i.Modes, i.RequiresOriginals, i.PromisedDays,
        new RoutingView(i.Routing.Legs.Select(l => new LegSpecView(l.Role, l.Order, l.Selector, l.Candidates, l.OnlyWhenHomeIsLocal)).ToList()));

    /// <summary>Printed names to unit ids: a district unit by its name, 各镇街 / 各派出所 / 各市场监管所 to the unit of every
    /// town, any other unit by its display name or id. A name no unit carries is left out.</summary>
    public static IReadOnlyList<string> DistrictUnitIds(IEnumerable<string> names, ReferenceData data)
    {
        var ids = new List<string>();
        foreach (var name in names)
        {
            if (KnownUnits.District.TryGetValue(name, out var id)) ids.Add(id);
            else if (KnownUnits.PerTown.TryGetValue(name, out var kind))
                ids.AddRange(data.Regions.QijiangTowns.Select(t => KnownUnits.TownUnitId(kind, t.Code)));
            else if (data.Units.Find(name) is { } byId) ids.Add(byId.Id);
            else if (data.Units.All.FirstOrDefault(u => u.Name == name) is { } byName) ids.Add(byName.Id);
        }
        return ids.Distinct().ToList();
    }
}
