using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Domain.Tests.Catalogue;

public class CatalogueRevisionTests
{
    [Theory]
    [InlineData("routing", false, "districtUnits", true)]
    [InlineData("routing", false, "cityLead", true)]
    [InlineData("routing", false, "modes", true)]
    [InlineData("routing", false, "name", false)]
    [InlineData("routing", false, "routing", false)] // given: taken as given, not derived
    [InlineData("routing", true, "name", true)]      // a new item derives what it does not give
    [InlineData("promisedDays", false, "modes", true)]
    [InlineData("promisedDays", false, "districtUnits", false)]
    [InlineData("promisedDays", true, "promisedDays", false)]
    public void A_derived_field_follows_its_inputs(string field, bool isNew, string given, bool derived) =>
        Assert.Equal(derived, CatalogueRevision.Rederives(field, isNew, f => f == given));

    [Theory]
    [InlineData(1, false, true)]
    [InlineData(20, false, true)]
    [InlineData(21, false, false)]
    [InlineData(45, true, true)]
    [InlineData(46, true, false)]
    [InlineData(0, true, false)]
    public void Promised_days_keep_within_art_42(int days, bool joint, bool within) =>
        Assert.Equal(within, CatalogueRevision.PromisedDaysProblem(days, joint, TimeLimits.Default) is null);
}
