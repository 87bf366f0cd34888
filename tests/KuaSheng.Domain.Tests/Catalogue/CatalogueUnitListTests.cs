using System.Text.RegularExpressions;
using KuaSheng.Domain.Catalogue.Source;

namespace KuaSheng.Domain.Tests.Catalogue;

/// <summary>
/// The distinct unit and department names are pinned: a new or misspelt name is a change
/// the unit registry (DOMAIN.md "Units") must follow, so it has to show up here first.
/// </summary>
public partial class CatalogueUnitListTests
{
    private static readonly IReadOnlyList<SourceItem> Items = CatalogueSource.LoadEmbedded();

    private static readonly string[] DistrictUnits =
    [
        "各市场监管所", "各派出所", "各镇街",
        "区不动产登记中心", "区交通局", "区人力社保局", "区公安分局", "区公证处", "区医保局",
        "区卫生健康委", "区司法局", "区市场监管局", "区残联", "区民政局", "区生态环境局", "区规划自然资源局",
    ];

    private static readonly string[] CityDepartments =
    [
        "人行重庆营管部", "民航重庆监管局", "重庆市税务局", "重庆海关",
        "市交通局", "市人力社保局", "市住房城乡建委", "市公安局", "市医保局", "市卫生健康委", "市司法局",
        "市商务委", "市市场监管局", "市教委", "市林业局", "市残联", "市民政局", "市生态环境局", "市药监局",
        "市规划自然资源局", "市邮政管理局", "市高法院",
    ];

    [Fact]
    public void Distinct_district_units_including_those_named_in_notes()
    {
        var named = Items.SelectMany(i => i.DistrictUnits)
            .Concat(MentionedInNotes().Where(n => n.StartsWith('区')));
        Assert.Equal(DistrictUnits.Order(StringComparer.Ordinal), named.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Distinct_city_departments_including_those_named_in_notes()
    {
        var printed = Items.SelectMany(i => i.CityCooperating.Prepend(i.CityLead)).ToHashSet();
        // Notes spell 重庆市司法局 in full where the cells say 市司法局: same department.
        var mentioned = MentionedInNotes().Where(n => !n.StartsWith('区'))
            .Select(n => n.StartsWith("重庆市", StringComparison.Ordinal) && printed.Contains(n[2..]) ? n[2..] : n);
        Assert.Equal(CityDepartments.Order(StringComparer.Ordinal), printed.Concat(mentioned).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Notes_name_the_joint_and_final_reviewers() =>
        Assert.Equal(["区残联", "重庆市司法局"], MentionedInNotes().Order(StringComparer.Ordinal));

    [Fact]
    public void City_names_start_with_the_city_and_district_names_with_the_district()
    {
        Assert.All(Items.SelectMany(i => i.CityCooperating.Prepend(i.CityLead)), n => Assert.Matches("^(市|重庆|人行重庆|民航重庆)", n));
        Assert.All(Items.SelectMany(i => i.DistrictUnits), n => Assert.Matches("^(区|各)", n));
    }

    /// <summary>Unit names inside notes, e.g. 区残联联审 → 区残联, "…提交重庆市司法局复核" → 重庆市司法局.</summary>
    private static IEnumerable<string> MentionedInNotes() =>
        Items.SelectMany(i => i.Notes).SelectMany(n => UnitName().Matches(n).Select(m => m.Value)).Distinct();

    [GeneratedRegex(@"(?:重庆)?[区市]\p{IsCJKUnifiedIdeographs}{1,8}?(?:局|委|联|处|中心)")]
    private static partial Regex UnitName();
}
