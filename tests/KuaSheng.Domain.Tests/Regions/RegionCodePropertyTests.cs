using CsCheck;
using KuaSheng.Domain.Regions;

namespace KuaSheng.Domain.Tests.Regions;

/// <summary>The significant-prefix rule over generated codes, zero groups made frequent on purpose.</summary>
public class RegionCodePropertyTests
{
    private static Gen<string> Group(int digits, int max) =>
        Gen.Frequency((1, Gen.Const(0)), (2, Gen.Int[1, max])).Select(n => n.ToString(new string('0', digits)));

    private static readonly Gen<string> Codes =
        from province in Gen.Int[11, 82]
        from city in Group(2, 99)
        from county in Group(2, 99)
        from town in Gen.Frequency((2, Gen.Const("")), (1, Group(3, 999)))
        select $"{province}{city}{county}{town}";

    [Fact]
    public void A_code_is_its_significant_prefix_padded_with_zeros() =>
        Codes.Sample(code =>
        {
            string prefix = RegionCode.SignificantPrefix(code);
            Assert.Contains(prefix.Length, new[] { 2, 4, 6, 9 });
            Assert.StartsWith(prefix, code, StringComparison.Ordinal);
            Assert.All(code[prefix.Length..], c => Assert.Equal('0', c));
        });

    [Fact]
    public void The_prefix_ends_in_no_droppable_zeros_and_is_stable() =>
        Codes.Sample(code =>
        {
            string prefix = RegionCode.SignificantPrefix(code);
            string lastGroup = prefix.Length == 9 ? prefix[^3..] : prefix[^2..];
            Assert.True(prefix.Length == 2 || lastGroup.Any(c => c != '0'), $"{code} → {prefix}");
            Assert.Equal(prefix, RegionCode.SignificantPrefix(prefix.PadRight(prefix.Length == 9 ? 9 : 6, '0')));
        });

    [Fact]
    public void Every_level_above_a_code_covers_it_and_none_below() =>
        Codes.Sample(code =>
        {
            Assert.True(RegionCode.Matches(code, code));
            Assert.True(RegionCode.Matches(code[..2] + "0000", code));
            Assert.True(RegionCode.Matches(code[..4] + "00", code));
            Assert.True(RegionCode.Matches(code[..6], code));
            bool sameLevel = RegionCode.SignificantPrefix(code) == RegionCode.SignificantPrefix(code[..6]);
            Assert.Equal(sameLevel, RegionCode.Matches(code, code[..6]));
        });

    [Fact]
    public void Codes_of_different_provinces_never_match() =>
        Gen.Select(Codes, Codes).Sample((a, b) =>
        {
            if (a[..2] != b[..2]) Assert.False(RegionCode.Matches(a, b));
        });
}
