using KuaSheng.Domain.Catalogue.Source;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Domain.Catalogue;

/// <summary>Builds version 1 of the catalogue from the items printed in the seed: the rules, then the overrides.</summary>
public static class CatalogueBuilder
{
    public static CatalogueItem Derive(SourceItem source, IReadOnlyList<string> qijiangTownCodes, TimeLimits limits) =>
        CatalogueOverrides.ApplyTo(DeriveByRules(source, qijiangTownCodes, limits));

    /// <summary>What the general rules alone make of an item (before its override, if any).</summary>
    public static CatalogueItem DeriveByRules(SourceItem source, IReadOnlyList<string> qijiangTownCodes, TimeLimits limits)
    {
        var modes = CatalogueRules.Modes(source);
        var candidates = CatalogueRules.Candidates(source, qijiangTownCodes);
        return new CatalogueItem(
            source.Code, 1, ItemStatus.Active, source.Batch, source.Seq, source.Name, source.Scenario, source.CityLead,
            source.CityCooperating, source.DistrictUnits, source.Notes, source.DeadlineText,
            modes,
            CatalogueRules.RequiresOriginals(source),
            CatalogueRules.PromisedDays(source, modes, limits),
            CatalogueRules.Routing(source, modes, candidates));
    }

    public static ItemCatalogue FromSource(IEnumerable<SourceItem> items, IReadOnlyList<string> qijiangTownCodes, TimeLimits? limits = null) =>
        ItemCatalogue.Of(items.Select(i => Derive(i, qijiangTownCodes, limits ?? TimeLimits.Default)));
}
