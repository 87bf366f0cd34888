using KuaSheng.Domain.Access;
using KuaSheng.Domain.Units;

namespace KuaSheng.Domain.Tests.Access;

/// <summary>Who reads a unit's work and whose cases a search covers; which roles take which units at sign-in.</summary>
public class UnitAccessTests
{
    private static Caller C(string role, params string[] units) => new(role, $"{role}-1", units);

    [Theory]
    [InlineData(Roles.Window, "qj-window", "qj-window", true)]
    [InlineData(Roles.Officer, "qj-hrss", "qj-hrss", true)]
    [InlineData(Roles.Officer, "qj-hrss", "qj-window", false)]
    [InlineData(Roles.Integration, "qj-hrss", "qj-hrss", true)]
    [InlineData(Roles.Supervisor, null, "qj-hrss", true)]
    [InlineData(Roles.Operator, null, "qj-hrss", false)]
    [InlineData(Roles.Carrier, null, "qj-hrss", false)]
    public void A_units_work_is_read_by_its_own_and_supervisors(string role, string? unit, string asked, bool allowed)
    {
        Assert.Equal(allowed, UnitAccess.MayReadWork(unit is null ? C(role) : C(role, unit), asked));
    }

    [Fact]
    public void Searches_are_scoped_to_the_callers_units_unless_it_reads_everything()
    {
        Assert.Equal((true, (IReadOnlyCollection<string>?)null), UnitAccess.SearchScope(C(Roles.Supervisor), null));
        Assert.Equal(["qj-hrss"], UnitAccess.SearchScope(C(Roles.Officer, "qj-hrss"), null).Units!);
        Assert.False(UnitAccess.SearchScope(C(Roles.Officer, "qj-hrss"), "qj-window").Allowed);
        Assert.Equal(["qj-window"], UnitAccess.SearchScope(C(Roles.Operator), "qj-window").Units!);
        Assert.False(UnitAccess.MaySearch(C(Roles.Carrier)));
    }

    private static readonly UnitDirectory Units = ReferenceData.Embedded.Units;

    [Fact]
    public void A_window_signs_in_with_one_known_unit_and_a_supervisor_with_none()
    {
        var (window, ok) = CallerShape.Check("window", "qj-window", null, null, Units);
        Assert.Empty(ok);
        Assert.Equal(("window", "dev-window", "qj-window"), (window!.Role, window.Subject, window.Unit));
        Assert.Equal(["qj-window"], window.ToCaller().Units);

        Assert.Contains("unit", CallerShape.Check("window", null, null, null, Units).Errors.Keys);
        Assert.Contains("unit", CallerShape.Check("officer", "no-such-unit", null, null, Units).Errors.Keys);
        Assert.Contains("unit", CallerShape.Check("supervisor", "qj-window", null, null, Units).Errors.Keys);
        Assert.Contains("role", CallerShape.Check("admin", null, null, null, Units).Errors.Keys);

        var (integration, _) = CallerShape.Check("integration", "qj-hrss", ["qj-window", "qj-hrss"], "bridge", Units);
        Assert.Equal(["qj-hrss", "qj-window"], integration!.Units!);
        Assert.Null(integration.Unit);
        Assert.Equal("bridge", integration.Subject);
    }
}
