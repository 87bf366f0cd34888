using KuaSheng.Actors.Units;
using KuaSheng.Domain;
using KuaSheng.Domain.Units;

namespace KuaSheng.Api.Units;

/// <summary>A unit as the API shows it. <c>items</c>: for an external unit the items it was registered for; for a
/// built-in unit the items whose routing plan names it.</summary>
public sealed record UnitView(string Id, string Name, string Region, UnitLevel Level, string? ParentId, UnitKind Kind, IReadOnlyList<string> Items);

public sealed record UnitList(IReadOnlyList<UnitView> Units);

/// <summary>Body of <c>POST /units</c>: an external unit (another province's department or window).</summary>
/// <param name="Id">Optional; default <c>ext-{region}-{slug of the name, or a short hash of it}</c>. Lowercase letters,
/// digits and '-', at most 64.</param>
/// <param name="Level">external (the only level registered at run time); may be left out.</param>
/// <param name="Kind">department (takes legs of its items for its region) or window (receives through an integration).</param>
/// <param name="Items">Catalogue item codes the unit handles for its region.</param>
public sealed record RegisterUnitBody(string? Id, string? Name, string? Region, UnitLevel? Level, UnitKind? Kind, IReadOnlyList<string>? Items);

public sealed record WorklistView(string UnitId, IReadOnlyList<WorklistLeg> Legs, IReadOnlyList<WorklistDeadline> Deadlines);

public static class UnitViews
{
    private sealed record ItemIndex(ReferenceData Data, IReadOnlyDictionary<string, IReadOnlyList<string>> ByUnit);

    private static volatile ItemIndex? _index;

    public static UnitView From(Unit unit, ReferenceData data) =>
        new(unit.Id, unit.Name, unit.Region, unit.Level, unit.ParentId, unit.Kind, unit.IsExternal ? unit.Items : ItemsOf(unit.Id, data));

    /// <summary>Items whose routing plan names the unit: worked out once per version of the reference data.</summary>
    private static IReadOnlyList<string> ItemsOf(string unitId, ReferenceData data)
    {
        var index = _index;
        if (index is null || !ReferenceEquals(index.Data, data))
        {
            var byUnit = new Dictionary<string, List<string>>();
            foreach (var item in data.Catalogue.Current)
            foreach (var unit in item.Routing.Legs.SelectMany(l => l.Candidates).Distinct())
            {
                if (!byUnit.TryGetValue(unit, out var list)) byUnit[unit] = list = [];
                list.Add(item.Code);
            }
            index = new ItemIndex(data, byUnit.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value));
            _index = index;
        }
        return index.ByUnit.GetValueOrDefault(unitId) ?? [];
    }
}
