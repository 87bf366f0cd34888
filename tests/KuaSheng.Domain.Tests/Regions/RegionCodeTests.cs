using KuaSheng.Domain.Regions;

namespace KuaSheng.Domain.Tests.Regions;

public class RegionCodeTests
{
    [Theory]
    [InlineData("510000", "51")]
    [InlineData("510100", "5101")]
    [InlineData("510107", "510107")]
    [InlineData("500000", "50")]
    [InlineData("500110", "500110")]
    [InlineData("500110000", "500110")]
    [InlineData("500100000", "5001")]
    [InlineData("500000000", "50")]
    [InlineData("500110001", "500110001")]
    [InlineData("500110100", "500110100")]
    [InlineData("500110120", "500110120")]
    public void Significant_prefix(string code, string prefix) => Assert.Equal(prefix, RegionCode.SignificantPrefix(code));

    [Theory]
    [InlineData("")]
    [InlineData("51")]
    [InlineData("5101")]
    [InlineData("5101070")]
    [InlineData("000000")]
    [InlineData("51010a")]
    [InlineData("５１０１０７")]  // full-width digits
    [InlineData("500110001001")] // a village (村级) code: not used here
    public void Malformed_codes_have_no_prefix(string code)
    {
        Assert.False(RegionCode.IsWellFormed(code));
        Assert.Throws<ArgumentException>(() => RegionCode.SignificantPrefix(code));
    }

    [Theory]
    [InlineData("500000", "500110", true)]      // Chongqing covers Qijiang
    [InlineData("500000", "500110001", true)]   // and its streets
    [InlineData("500110", "500110001", true)]   // Qijiang covers 古南街道
    [InlineData("500110000", "500110105", true)]
    [InlineData("500110", "500110", true)]
    [InlineData("500110001", "500110001", true)]
    [InlineData("500110001", "500110", false)]  // a street does not cover its district
    [InlineData("500110001", "500110002", false)]
    [InlineData("500110", "500111", false)]
    [InlineData("510100", "510107", true)]      // Chengdu covers Wuhou
    [InlineData("510100", "510000", false)]     // but not all of Sichuan
    [InlineData("510100", "511100", false)]
    [InlineData("510000", "520322", false)]
    [InlineData("500110", "5001", false)]       // malformed codes match nothing
    [InlineData("", "500110", false)]
    public void Matches(string unitRegion, string caseRegion, bool expected) =>
        Assert.Equal(expected, RegionCode.Matches(unitRegion, caseRegion));
}
