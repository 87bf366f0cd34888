using Akka.Actor;
using Akka.TestKit;

namespace KuaSheng.Actors.Tests.Entities;

/// <summary>One case entity at a time, its units and waybill register stood in for by probes.</summary>
public abstract class CaseTestKit : EntityTestKit
{
    protected CaseTestKit()
    {
        Units = CreateTestProbe();
        Waybills = CreateTestProbe();
    }

    protected TestProbe Units { get; }

    protected TestProbe Waybills { get; }

    protected IActorRef Case(string id, int snapshotEvery = 100) =>
        Sys.ActorOf(CaseProps(id, CaseSettings(snapshotEvery), Units.Ref, Waybills.Ref), $"case-{id}-{Guid.NewGuid():N}");
}
