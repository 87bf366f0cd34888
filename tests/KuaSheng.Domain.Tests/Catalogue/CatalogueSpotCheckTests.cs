using KuaSheng.Domain.Catalogue.Source;

namespace KuaSheng.Domain.Tests.Catalogue;

/// <summary>The awkward cells of the seed, checked one by one.</summary>
public class CatalogueSpotCheckTests
{
    private static readonly Dictionary<string, SourceItem> ByCode = CatalogueSource.LoadEmbedded().ToDictionary(i => i.Code);

    [Theory]
    [InlineData("1-4")]
    [InlineData("2-11")]
    public void Legal_qualification_has_two_level_review_in_its_note(string code)
    {
        var item = ByCode[code];
        Assert.Equal(["区司法局"], item.DistrictUnits);
        var note = Assert.Single(item.Notes);
        Assert.Contains("初审", note);
        Assert.Contains("复核", note);
        Assert.Contains("重庆市司法局", note);
    }

    [Fact]
    public void Disability_subsidy_has_joint_review_note() =>
        Assert.Equal(["区残联联审"], ByCode["2-10"].Notes);

    [Fact]
    public void Bracket_on_its_own_line_is_a_note()
    {
        Assert.Equal(["区市场监管局"], ByCode["1-44"].DistrictUnits);
        Assert.Equal(["限气瓶"], ByCode["1-44"].Notes);
        Assert.Equal("区市场监管局（限气瓶）", ByCode["1-44"].DistrictUnitsText);
        Assert.Equal(["限自贸区、气瓶"], ByCode["1-46"].Notes); // 、 inside a note does not split units
        Assert.Equal(["限修理"], ByCode["1-47"].Notes);
    }

    [Theory]
    [InlineData("2-52")]
    [InlineData("2-53")]
    public void Trailing_remark_after_the_bracket_is_a_note(string code)
    {
        Assert.Equal(["区市场监管局"], ByCode[code].DistrictUnits);
        Assert.Equal(["仅限食品相关产品生产许可", "其他工业属市级"], ByCode[code].Notes);
    }

    [Theory]
    [InlineData("1-21")]
    [InlineData("1-22")]
    [InlineData("1-23")]
    public void Lead_broken_over_two_lines_is_joined(string code) =>
        Assert.Equal("市规划自然资源局", ByCode[code].CityLead);

    [Theory]
    [InlineData("1-37", "区市场监管局", "各市场监管所")]
    [InlineData("1-38", "区市场监管局", "各市场监管所")]
    [InlineData("2-49", "区卫生健康委", "各镇街")]
    [InlineData("2-50", "区卫生健康委", "各镇街")]
    public void Unit_list_broken_over_lines_is_joined(string code, string first, string second)
    {
        Assert.Equal([first, second], ByCode[code].DistrictUnits);
        Assert.Equal($"{first}、{second}", ByCode[code].DistrictUnitsText);
        Assert.Empty(ByCode[code].Notes);
    }

    [Fact]
    public void Cooperating_unit_inside_the_batch_3_lead_cell_is_split_out()
    {
        Assert.Equal("市人力社保局", ByCode["3-7"].CityLead);
        Assert.Equal(["市医保局"], ByCode["3-7"].CityCooperating);
    }

    [Fact]
    public void Batch_3_deadline_text_is_kept()
    {
        Assert.StartsWith("2020年至2022年10月", ByCode["3-3"].DeadlineText);
        Assert.Equal("2022年底前", ByCode["3-8"].DeadlineText);
    }

    [Fact]
    public void Names_kept_verbatim_with_full_width_brackets() =>
        Assert.Equal("应届毕业生法律职业资格认定（享受放宽条件政策的除外）", ByCode["1-4"].Name);

    [Theory]
    [InlineData("1-21", "2-27")]
    [InlineData("1-22", "2-28")]
    [InlineData("1-23", "2-29")]
    public void Capital_city_variants_are_distinct_entries(string capital, string general)
    {
        Assert.Equal(ByCode[general].Name + "（省会城市及计划单列市）", ByCode[capital].Name);
        Assert.Equal(ByCode[general].Scenario, ByCode[capital].Scenario);
        Assert.Equal(ByCode[general].CityCooperating, ByCode[capital].CityCooperating);
    }

    [Fact]
    public void Fresh_graduate_and_general_legal_qualification_are_distinct_entries()
    {
        Assert.Equal("应届毕业生" + ByCode["2-11"].Name, ByCode["1-4"].Name);
        Assert.NotEqual(ByCode["1-4"].Code, ByCode["2-11"].Code);
    }

    [Fact]
    public void Scenario_typos_are_kept_verbatim()
    {
        // The seed prints 市公安局门 / 市生态环境局门 (likely a botched 部门 replacement); kept as printed.
        Assert.Contains("市生态环境局门", ByCode["1-24"].Scenario);
        Assert.All(new[] { "2-2", "2-3", "2-4", "2-5", "2-6", "2-7", "3-1", "3-2" },
            c => Assert.Contains("市公安局门", ByCode[c].Scenario));
    }
}
