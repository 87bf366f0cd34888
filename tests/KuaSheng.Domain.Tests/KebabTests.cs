using System.Reflection;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Domain.Tests;

/// <summary>Every enum of the domain spells and parses its kebab-case names both ways, from the names worked out once.</summary>
public sealed class KebabTests
{
    public static IEnumerable<object[]> DomainEnums() =>
        typeof(Kebab).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic).Select(t => new object[] { t });

    [Theory]
    [MemberData(nameof(DomainEnums))]
    public void Every_value_round_trips_through_its_name(Type enumType) =>
        typeof(KebabTests).GetMethod(nameof(RoundTrips), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(enumType).Invoke(null, null);

    private static void RoundTrips<T>() where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            var name = value.ToKebab();
            Assert.Equal(Kebab.ToKebab(value.ToString()), name);
            Assert.True(Kebab.TryParse<T>(name, out var parsed));
            Assert.Equal(value, parsed);
        }
    }

    [Fact]
    public void Names_are_kebab_case_and_only_they_parse()
    {
        Assert.Equal("supplement-requested", CaseStatus.SupplementRequested.ToKebab());
        Assert.True(Kebab.TryParse<CaseStatus>("supplement-requested", out var status));
        Assert.Equal(CaseStatus.SupplementRequested, status);
        Assert.False(Kebab.TryParse<CaseStatus>("SupplementRequested", out _));
        Assert.False(Kebab.TryParse<CaseStatus>("1", out _));
        Assert.False(Kebab.TryParse<CaseStatus>("", out _));
        Assert.False(Kebab.TryParse<CaseStatus>(null, out _));
        Assert.Equal("99", ((CaseStatus)99).ToKebab());
    }
}
