using KuaSheng.Actors.Tests.Serialization;
using KuaSheng.Actors.Units;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;

namespace KuaSheng.Actors.Tests.Entities;

/// <summary>A unit keeps its views compacted: the same values (the serialized form is unchanged), with the strings of
/// two views of different cases, each read from the journal on its own, shared.</summary>
public sealed class UnitViewCompactionTests
{
    private static SyncCaseToUnit View(string caseId) => new("qj-notary", caseId, 7, "QJ-001", CaseStatus.Accepted, false,
        [new UnitLeg("leg1", LegRole.Home, LegStatus.Accepted)],
        [new UnitDeadline("dl2", DeadlineStep.Forwarding, "leg1", new DateOnly(2026, 12, 3), false, false)]);

    private static SyncCaseToUnit FromJournal(SyncCaseToUnit view) => (SyncCaseToUnit)SerializationSupport.RoundTrip(view);

    [Fact]
    public void A_compacted_view_reads_as_the_view_it_was_made_from()
    {
        var view = FromJournal(View("c-1"));
        var compact = UnitViewCompaction.Compact(view, "qj-notary", "c-1");
        Assert.Equal(SerializationSupport.Json(view), SerializationSupport.Json(compact));
    }

    [Fact]
    public void Views_of_different_cases_share_their_unit_item_leg_and_deadline_strings()
    {
        var unitId = "qj-notary";
        var a = UnitViewCompaction.Compact(FromJournal(View("c-1")), unitId, "c-1");
        var b = UnitViewCompaction.Compact(FromJournal(View("c-2")), unitId, "c-2");
        Assert.Same(unitId, a.UnitId);
        Assert.Same(a.ItemCode, b.ItemCode);
        Assert.Same(a.Legs[0].LegId, b.Legs[0].LegId);
        Assert.Same(a.Deadlines[0].DeadlineId, b.Deadlines[0].DeadlineId);
        Assert.Same(a.Deadlines[0].LegId, b.Legs[0].LegId);
        Assert.IsType<UnitLeg[]>(a.Legs);
    }
}
