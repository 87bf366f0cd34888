using KuaSheng.Domain.Calendar;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Catalogue.Source;
using KuaSheng.Domain.Regions;
using KuaSheng.Domain.Units;

namespace KuaSheng.Domain;

/// <summary>The data a node starts from: catalogue version 1 of the 140 items, the built-in units, the official
/// calendar and the regions, all from the embedded data files.</summary>
public sealed record ReferenceData(ItemCatalogue Catalogue, UnitDirectory Units, WorkingCalendar Calendar, RegionDirectory Regions)
{
    private static readonly Lazy<ReferenceData> embedded = new(Load);

    /// <summary>Built once per process; every part is immutable.</summary>
    public static ReferenceData Embedded => embedded.Value;

    private static ReferenceData Load()
    {
        var regions = RegionDirectory.Official;
        var towns = regions.QijiangTowns.Select(t => t.Code).ToList();
        return new ReferenceData(
            CatalogueBuilder.FromSource(CatalogueSource.LoadEmbedded(), towns),
            UnitDirectory.Of(BuiltInUnits.Create(regions.QijiangTowns)),
            WorkingCalendar.Official,
            regions);
    }
}
