namespace KuaSheng.Domain.Regions;

/// <summary>
/// GB/T 2260 region codes (行政区划代码) as the project uses them: 6 digits (province, city or
/// county) or 9 digits (a town or street, 乡级: the county's code and 3 more digits).
/// Levels are read from the zeros: 510000 is Sichuan, 510100 Chengdu, 510107 a district of it.
/// </summary>
public static class RegionCode
{
    /// <summary>綦江区.</summary>
    public const string Qijiang = "500110";

    /// <summary>重庆市.</summary>
    public const string Chongqing = "500000";

    /// <summary>6 or 9 ASCII digits, not starting with 00 (no province has that code).</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: 6 or 9 } && code.All(char.IsAsciiDigit) && !code.StartsWith("00", StringComparison.Ordinal);

    /// <summary>
    /// The digits that say which region a code means, its level read off the length:
    /// trailing "00" pairs are dropped from a 6-digit code (510000 → "51" province,
    /// 510100 → "5101" city, 510107 → "510107" county); a 9-digit code keeps its 9 digits
    /// (500110100 → 万东镇, whose town part "100" ends in zeros but is not a level above), except
    /// that a town part of "000" means the county itself (500110000 → "500110").
    /// So the result has 2, 4, 6 or 9 digits, and a code is its prefix padded with zeros.
    /// </summary>
    /// <exception cref="ArgumentException">The code is not <see cref="IsWellFormed">well-formed</see>.</exception>
    public static string SignificantPrefix(string code)
    {
        if (!IsWellFormed(code)) throw new ArgumentException($"\"{code}\" is not a 6- or 9-digit region code.", nameof(code));
        if (code.Length == 9)
            return code.EndsWith("000", StringComparison.Ordinal) ? SignificantPrefix(code[..6]) : code;
        if (code.EndsWith("0000", StringComparison.Ordinal)) return code[..2];
        if (code.EndsWith("00", StringComparison.Ordinal)) return code[..4];
        return code;
    }

    /// <summary>
    /// Whether a unit for <paramref name="unitRegion"/> covers a case from <paramref name="caseRegion"/>:
    /// the unit's significant prefix begins the case's. A province covers its cities, counties and
    /// towns; a town covers only itself. Routing picks, among the units that match, the one with the
    /// longest significant prefix. A malformed code covers nothing and is covered by nothing:
    /// codes arrive as free text (GB/T 39046 sets no hard length checks), so no exception here.
    /// </summary>
    public static bool Matches(string unitRegion, string caseRegion) =>
        IsWellFormed(unitRegion) && IsWellFormed(caseRegion)
        && SignificantPrefix(caseRegion).StartsWith(SignificantPrefix(unitRegion), StringComparison.Ordinal);
}
