using KuaSheng.Domain.Cases;

namespace KuaSheng.Domain.Tests.Cases;

public class UnitWorkTests
{
    public static TheoryData<LegStatus, CaseStatus> Every()
    {
        var data = new TheoryData<LegStatus, CaseStatus>();
        foreach (var leg in Enum.GetValues<LegStatus>())
        foreach (var status in Enum.GetValues<CaseStatus>()) data.Add(leg, status);
        return data;
    }

    [Theory, MemberData(nameof(Every))]
    public void A_leg_is_work_only_while_it_waits_for_its_unit_in_a_case_that_has_not_ended(LegStatus leg, CaseStatus status)
    {
        var waitsForUnit = leg is LegStatus.Forwarded or LegStatus.Accepted;
        var ended = status is CaseStatus.Withdrawn or CaseStatus.NotAccepted or CaseStatus.Completed;
        Assert.Equal(waitsForUnit && !ended, UnitWork.IsOpenLeg(leg, status));
        Assert.Equal(waitsForUnit && !ended, UnitWork.KeepsCase(status, [leg], 0));
        Assert.True(UnitWork.KeepsCase(status, [leg], 1)); // an open deadline keeps the case, whatever the legs
    }
}
