using Akka.Actor;
using Akka.TestKit;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Waybills;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Tests.Entities;

public class WaybillActorTests : EntityTestKit
{
    private readonly TestProbe _cases;

    public WaybillActorTests() => _cases = CreateTestProbe();

    private IActorRef Waybill(string number = "EA123456785CN") =>
        Sys.ActorOf(Props.Create(() => new WaybillActor(number, _cases.Ref, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5))));

    private static readonly DateTimeOffset T0 = new(2026, 3, 3, 10, 0, 0, CaseContext.ChinaOffset);

    [Fact]
    public void A_waybill_belongs_to_one_case_and_reserving_it_again_is_idempotent()
    {
        var waybill = Waybill();
        waybill.Tell(new ReserveWaybill("EA123456785CN", "c1", "m1"), TestActor);
        ExpectMsg<WaybillReserved>();
        waybill.Tell(new ReserveWaybill("EA123456785CN", "c1", "m1"), TestActor);
        ExpectMsg<WaybillReserved>();
        waybill.Tell(new ReserveWaybill("EA123456785CN", "c2", "m1"), TestActor);
        ExpectMsg<WaybillTaken>();
    }

    [Fact]
    public void Tracking_an_unregistered_waybill_is_unknown()
    {
        Waybill().Tell(new TrackWaybill("EA123456785CN", CarrierStatus.InTransit, T0, null), TestActor);
        ExpectMsg<WaybillUnknown>();
    }

    [Fact]
    public void Each_distinct_carrier_event_reaches_the_case_until_it_answers_and_repeats_are_dropped()
    {
        var waybill = Waybill();
        waybill.Tell(new ReserveWaybill("EA123456785CN", "c1", "m1"), TestActor);
        ExpectMsg<WaybillReserved>();

        waybill.Tell(new TrackWaybill("EA123456785CN", CarrierStatus.Signed, T0.AddHours(5), "张三"), TestActor);
        Assert.False(ExpectMsg<TrackingAccepted>().Duplicate);
        var first = _cases.ExpectMsg<CaseRequest>();
        // No answer: it comes again, with the same command id (the case de-duplicates).
        var second = _cases.ExpectMsg<CaseRequest>(TimeSpan.FromSeconds(3));
        Assert.Equal(first.CommandId, second.CommandId);
        _cases.Reply(new CaseReply("c1", null, null));

        waybill.Tell(new TrackWaybill("EA123456785CN", CarrierStatus.Signed, T0.AddHours(5), "张三"), TestActor);
        Assert.True(ExpectMsg<TrackingAccepted>().Duplicate);
        // At most a redelivery already under way when the answer came; after that, quiet.
        Assert.True(_cases.ReceiveWhile(TimeSpan.FromMilliseconds(400), m => m as CaseRequest).Count <= 1);
        _cases.ExpectNoMsg(TimeSpan.FromMilliseconds(800));
    }

    [Fact]
    public void An_event_not_yet_delivered_is_delivered_after_a_restart()
    {
        var first = Waybill();
        first.Tell(new ReserveWaybill("EA123456785CN", "c1", "m1"), TestActor);
        ExpectMsg<WaybillReserved>();
        first.Tell(new TrackWaybill("EA123456785CN", CarrierStatus.InTransit, T0, null), TestActor);
        ExpectMsg<TrackingAccepted>();
        _cases.ExpectMsg<CaseRequest>();
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var second = Waybill();
        second.Tell(new GetWaybill("EA123456785CN"), TestActor);
        var request = _cases.ExpectMsg<CaseRequest>(TimeSpan.FromSeconds(3));
        Assert.Equal(CarrierStatus.InTransit, Assert.IsType<RecordCarrierEvent>(request.Command).Status);
        Assert.Equal("c1", ExpectMsg<WaybillInfo>().CaseId);
    }

    /// <summary>That the case has a report is not journaled (one row per report saved on every carrier report): a
    /// waybill that starts again hands its reports to the case once more, which ignores one it has and writes nothing.</summary>
    [Fact]
    public void A_delivered_report_writes_no_row_and_is_handed_over_again_after_a_restart()
    {
        var first = Waybill();
        first.Tell(new ReserveWaybill("EA123456785CN", "c1", "m1"), TestActor);
        ExpectMsg<WaybillReserved>();
        first.Tell(new TrackWaybill("EA123456785CN", CarrierStatus.PickedUp, T0, null), TestActor);
        ExpectMsg<TrackingAccepted>();
        _cases.ExpectMsg<CaseRequest>();
        _cases.Reply(new CaseReply("c1", null, null));
        // Delivered: no redelivery follows (at most one already under way when the answer came).
        Assert.True(_cases.ReceiveWhile(TimeSpan.FromMilliseconds(400), m => m as CaseRequest).Count <= 1);
        _cases.ExpectNoMsg(TimeSpan.FromMilliseconds(800));
        Assert.Equal(2, JournalRows("waybill-EA123456785CN")); // registered, accepted
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var second = Waybill();
        second.Tell(new GetWaybill("EA123456785CN"), TestActor);
        var again = _cases.ExpectMsg<CaseRequest>(TimeSpan.FromSeconds(3));
        Assert.Equal(CarrierStatus.PickedUp, Assert.IsType<RecordCarrierEvent>(again.Command).Status);
        _cases.Reply(new CaseReply("c1", null, null));
        Assert.Equal(CarrierStatus.PickedUp, ExpectMsg<WaybillInfo>().LastStatus);
        Assert.Equal(2, JournalRows("waybill-EA123456785CN"));
    }
}
