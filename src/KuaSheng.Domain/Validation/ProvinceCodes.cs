using System.Collections.Frozen;

namespace KuaSheng.Domain.Validation;

/// <summary>
/// Built-in region check for resident ID numbers: the first two digits must name a province-level
/// division. Used until the full regions data is plugged in (pass its lookup to
/// <see cref="ResidentIdNumber.Validate"/>).
/// </summary>
/// <remarks>
/// 81 and 82 (Hong Kong, Macao) and 83 (Taiwan) are accepted: residence permits for Hong Kong,
/// Macao and Taiwan residents (港澳台居民居住证, since 2018) carry an 18-digit 公民身份号码 with
/// address code 810000 / 820000 / 830000 and the same check digit. 71 is refused: it is Taiwan's
/// GB/T 2260 code but no ID number is issued with it (Taiwan residents' permits use 83).
/// Numbers starting with 9 (2023 foreigners' permanent residence card) are a different document
/// and are refused here.
/// </remarks>
public static class ProvinceCodes
{
    public static IReadOnlySet<string> Default { get; } = new[]
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "81", "82", "83",
    }.ToFrozenSet();

    /// <summary>
    /// Whether the 6-digit region prefix lies in a known province. A check against full 6-digit
    /// codes must include abolished ones: an ID number keeps the code of the place where it was
    /// first issued, even after that county is merged or renamed.
    /// </summary>
    public static bool IsKnownProvinceOf(string regionPrefix) =>
        regionPrefix is { Length: >= 2 } && Default.Contains(regionPrefix[..2]);
}
