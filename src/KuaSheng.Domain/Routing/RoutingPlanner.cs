using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Regions;
using KuaSheng.Domain.Units;

namespace KuaSheng.Domain.Routing;

/// <summary>Where a case is going: the applicant's home region, and for joint items the other place.</summary>
/// <param name="HomeRegion">GB/T 2260 code of the applicant's home (declared, or the ID number's first six digits).</param>
/// <param name="TownCode">9-digit town or street code when known: it picks the town's own unit (各镇街 / 各派出所 / 各市场监管所).</param>
/// <param name="CounterpartRegion">转出地 / 迁出地 of a joint item.</param>
/// <param name="ReceivingRegion">Region of the receiving window when it is a built-in (Qijiang) unit, else null.</param>
public sealed record RouteRequest(string HomeRegion, string? TownCode, string? CounterpartRegion, string? ReceivingRegion = null);

/// <summary>Turns an item's routing plan into concrete legs for one case.</summary>
public static class RoutingPlanner
{
    public static (IReadOnlyList<Leg> Legs, Refusal? Refusal) Plan(CatalogueItem item, UnitDirectory units, RouteRequest request)
    {
        var legs = new List<Leg>();
        Unit? home = null;
        foreach (var spec in item.Routing.Legs.OrderBy(s => s.Order))
        {
            if (spec.OnlyWhenHomeIsLocal && home is { IsExternal: true }) continue;
            var unit = spec.Selector switch
            {
                UnitSelector.Fixed => units.Find(spec.Candidates[0]),
                UnitSelector.CounterpartRegion => request.CounterpartRegion is { } other ? BestMatch(item, spec, units, other) : null,
                UnitSelector.PlaceOfApplication => BestMatch(item, spec, units, PlaceOfApplication(request)),
                _ => BestMatch(item, spec, units, CaseRegion(request)),
            };
            if (unit is null)
                return ([], NoRoute(item, spec, request));
            if (spec.Selector is UnitSelector.HomeRegion or UnitSelector.PlaceOfApplication) home ??= unit;
            legs.Add(new Leg($"leg{legs.Count + 1}", unit.Id, spec.Role, spec.Order, LegStatus.Pending));
        }
        if (legs.Select(l => l.UnitId).Distinct().Count() < legs.Count)
            return ([], new Refusal(RefusalCodes.NoRoute,
                $"Item {item.Code}: both places of a joint case resolve to the same unit; the counterpart region must be another place."));
        return (legs, null);
    }

    /// <summary>The town code when it lies in the home region (it is the finer address), else the home region.</summary>
    private static string CaseRegion(RouteRequest r) =>
        r.TownCode is { Length: 9 } town && town.StartsWith(r.HomeRegion, StringComparison.Ordinal) ? town : r.HomeRegion;

    /// <summary>The receiving window's region, narrowed to the applicant's town when the town lies in it.</summary>
    private static string PlaceOfApplication(RouteRequest r)
    {
        if (r.ReceivingRegion is not { } here) return CaseRegion(r);
        return r.TownCode is { Length: 9 } town && town.StartsWith(here, StringComparison.Ordinal) ? town : here;
    }

    /// <summary>The candidate whose region covers <paramref name="region"/> with the longest significant prefix;
    /// ties go to the built-in order of the plan.</summary>
    private static Unit? BestMatch(CatalogueItem item, LegSpec spec, UnitDirectory units, string region) =>
        spec.Candidates.Select(units.Find).OfType<Unit>()
            .Concat(units.ExternalUnitsFor(item.Code))
            .Select((unit, index) => (unit, index, prefix: RegionCode.SignificantPrefix(unit.Region)))
            .Where(c => region.StartsWith(c.prefix, StringComparison.Ordinal))
            .OrderByDescending(c => c.prefix.Length).ThenBy(c => c.index)
            .Select(c => c.unit)
            .FirstOrDefault();

    private static Refusal NoRoute(CatalogueItem item, LegSpec spec, RouteRequest r)
    {
        var region = spec.Selector == UnitSelector.CounterpartRegion ? r.CounterpartRegion ?? "(none given)" : CaseRegion(r);
        return new Refusal(RefusalCodes.NoRoute,
            $"No unit handles item {item.Code} ({item.Name}) as {spec.Role.ToKebab()} for region {region}. " +
            "An operator can register the external unit of that region (POST /units).");
    }
}
