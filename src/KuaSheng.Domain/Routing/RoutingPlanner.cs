using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Regions;
using KuaSheng.Domain.Units;

namespace KuaSheng.Domain.Routing;

/// <summary>Turns an item's routing plan into concrete legs for one case.</summary>
/// <remarks>
/// The places of a joint item follow from the leg's role, whatever selector a stored plan names: 转入地 / 迁入地 is the
/// place of application (申请人可向转入地申请 — the receiving window's region, or online the declared region), 转出地 /
/// 迁出地 is the counterpart region. The ID number's prefix says where a person was first registered, not where they
/// live now, so it never places a transfer.
/// </remarks>
public static class RoutingPlanner
{
    /// <summary>The region a leg is routed by, and in words where it comes from (for refusals).</summary>
    private readonly record struct Place(string? Region, string Source);

    public static (IReadOnlyList<Leg> Legs, Refusal? Refusal) Plan(CatalogueItem item, UnitDirectory units, RouteRequest request)
    {
        var legs = new List<(Leg Leg, Unit Unit, Place Place)>();
        Unit? home = null;
        foreach (var spec in item.Routing.Legs.OrderBy(s => s.Order))
        {
            if (spec.OnlyWhenHomeIsLocal && home is { IsExternal: true }) continue;
            var place = PlaceOf(spec, request);
            var unit = spec.Selector == UnitSelector.Fixed && spec.Role is not (LegRole.TransferIn or LegRole.TransferOut)
                ? units.Find(spec.Candidates[0])
                : place.Region is { } region ? BestMatch(item, spec, units, region) : null;
            if (unit is null)
                return ([], NoRoute(item, spec, place));
            if (spec.Selector is UnitSelector.HomeRegion or UnitSelector.PlaceOfApplication) home ??= unit;
            legs.Add((new Leg($"leg{legs.Count + 1}", unit.Id, spec.Role, spec.Order, LegStatus.Pending), unit, place));
        }
        var shared = legs.GroupBy(l => l.Unit.Id).FirstOrDefault(g => g.Count() > 1);
        if (shared is not null)
            return ([], SameUnit(item, shared.ToList()));
        return (legs.Select(l => l.Leg).ToList(), null);
    }

    private static Place PlaceOf(LegSpec spec, RouteRequest r) => spec.Role switch
    {
        LegRole.TransferIn => PlaceOfApplication(r),
        LegRole.TransferOut => Counterpart(r),
        _ => spec.Selector switch
        {
            UnitSelector.CounterpartRegion => Counterpart(r),
            // A window elsewhere receives for Qijiang (异地代收): the case is decided where the applicant lives, not there.
            UnitSelector.PlaceOfApplication when !r.ReceivedExternally => PlaceOfApplication(r),
            _ => new(CaseRegion(r), "the applicant's home region"),
        },
    };

    private static Place Counterpart(RouteRequest r) => new(r.CounterpartRegion, "counterpartRegion");

    /// <summary>The town code when it lies in the home region (it is the finer address), else the home region.</summary>
    private static string CaseRegion(RouteRequest r) => Narrowed(r.HomeRegion, r.TownCode);

    /// <summary>申请地: the receiving window's region, or online the applicant's (declared) region; narrowed to the
    /// applicant's town when the town lies in it.</summary>
    private static Place PlaceOfApplication(RouteRequest r) => r.ReceivingRegion is { } here
        ? new(Narrowed(here, r.TownCode), "the receiving window's region")
        : new(CaseRegion(r), "the declared applicant.region");

    private static string Narrowed(string region, string? town) =>
        town is { Length: 9 } && town.StartsWith(region, StringComparison.Ordinal) ? town : region;

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

    private static Refusal NoRoute(CatalogueItem item, LegSpec spec, Place place) =>
        new(RefusalCodes.NoRoute,
            $"No unit handles item {item.Code} ({item.Name}) as {spec.Role.ToKebab()} for region {place.Region ?? "(none given)"} " +
            $"({place.Source}). An operator can register the external unit of that region (POST /units).");

    /// <summary>Two legs of one case at one unit: for a joint item, the in-place and the out-place are really one unit.</summary>
    private static Refusal SameUnit(CatalogueItem item, IReadOnlyList<(Leg Leg, Unit Unit, Place Place)> legs) =>
        new(RefusalCodes.NoRoute,
            $"Item {item.Code} ({item.Name}): " +
            string.Join(" and ", legs.Select(l => $"{l.Leg.Role.ToKebab()} {l.Place.Region} ({l.Place.Source})")) +
            $" are both handled by {legs[0].Unit.Name} ({legs[0].Unit.Id}), so there is nothing to hand between two places; " +
            "counterpartRegion must be a place another unit handles.");
}
