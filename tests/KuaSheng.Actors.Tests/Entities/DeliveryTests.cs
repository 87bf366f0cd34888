using Akka.Actor;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Units;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Tests.Entities;

/// <summary>Case → unit delivery is at-least-once with de-duplication at the unit.</summary>
public class DeliveryTests : EntityTestKit
{
    /// <summary>A unit shard that can be made unavailable: while closed, messages are lost.</summary>
    private sealed class Gate : ReceiveActor
    {
        public sealed record Open(bool Value);

        public Gate(IActorRef target)
        {
            var open = false;
            Receive<Open>(o => open = o.Value);
            ReceiveAny(m => { if (open) target.Forward(m); });
        }
    }

    [Fact]
    public void A_leg_forwarded_while_its_unit_is_unavailable_arrives_once_after_it_comes_back()
    {
        var unitSettings = new UnitActorSettings(Clock, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), SnapshotEvery: 100);
        var cases = Sys.ActorOf(EntityParent.Props(m => (m as IWithCaseId)?.CaseId,
            id => CaseProps(id, CaseSettings(), UnitsViaGate(), ActorRefs.Nobody)), "cases");
        var units = Sys.ActorOf(EntityParent.Props(m => (m as IWithUnitId)?.UnitId,
            id => Props.Create(() => new UnitActor(id, unitSettings, cases))), "units");
        var gate = Sys.ActorOf(Props.Create(() => new Gate(units)), "gate");
        gate.Tell(new Gate.Open(false));
        GateRef = gate;

        cases.Tell(new CaseRequest("d1", "a", Submission("d1")), TestActor);
        cases.Tell(new CaseRequest("d1", "b", new ReviewForm(true, [], null, Clerk)), TestActor);
        cases.Tell(new CaseRequest("d1", "c", new VerifyIdentity(IdentityMethod.Face, true, Clerk)), TestActor);
        ReceiveN(3);
        ExpectNoMsg(TimeSpan.FromSeconds(1)); // several redeliveries are lost at the closed gate

        gate.Tell(new Gate.Open(true));
        AwaitAssert(() =>
        {
            units.Tell(new GetWorklist("u-home"), TestActor);
            var worklist = ExpectMsg<Worklist>();
            Assert.Equal(("d1", "leg1", LegStatus.Forwarded), Assert.Single(worklist.Legs) is var l ? (l.CaseId, l.LegId, l.Status) : default);
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));

        // More redeliveries and a duplicate arrive: still one entry.
        Thread.Sleep(700);
        units.Tell(new GetWorklist("u-home"), TestActor);
        Assert.Single(ExpectMsg<Worklist>().Legs);
    }

    private IActorRef? GateRef { get; set; }

    /// <summary>The case talks to units through the gate (resolved lazily, the gate is created after the cases).</summary>
    private IActorRef UnitsViaGate() => Sys.ActorOf(Props.Create(() => new Relay(this)));

    private sealed class Relay : ReceiveActor
    {
        public Relay(DeliveryTests test) => ReceiveAny(m => test.GateRef!.Forward(m));
    }
}
