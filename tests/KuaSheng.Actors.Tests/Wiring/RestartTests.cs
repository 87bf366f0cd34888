using Akka.Actor;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Units;
using KuaSheng.Actors.Waybills;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Intake;
using KuaSheng.Domain.Validation;
using static KuaSheng.Actors.Tests.Wiring.NodeCases;

namespace KuaSheng.Actors.Tests.Wiring;

/// <summary>The whole wiring on a SQLite file: build state across every entity kind, stop the node, start a new one
/// on the same file, and find everything as it was — and a deadline that fell due while down fired after start.</summary>
public sealed class RestartTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static Task<CaseReply> Send(Node node, string caseId, string commandId, CaseCommand command) =>
        NodeCases.Send(node, caseId, commandId, command, Timeout);


    private static string Json(CaseState s) => System.Text.Json.JsonSerializer.Serialize(s);

    private static async Task<T> Eventually<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > until) return value;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task State_of_every_entity_kind_survives_a_restart_and_a_deadline_missed_while_down_fires_after_start()
    {
        CaseState stateBefore;
        Worklist worklistBefore;
        WaybillInfo waybillBefore;
        await using (var node = await Node.StartAsync(_dir, Monday))
        {
            await Send(node, "r1", "1", Submission("r1"));
            await Send(node, "r1", "2", new ReviewForm(true, [], null, Clerk));
            await Send(node, "r1", "3", new VerifyIdentity(IdentityMethod.Document, true, Clerk));
            await Send(node, "r1", "4", new RegisterMailing("m1", MailingPurpose.Originals, "EMS", "EA123456785CN", Clerk));
            await Send(node, "r1", "5", new DecideAcceptance("leg1", true, null, Notary));

            // Carrier events repeated and out of order, through the waybill entity.
            var waybills = node.Region<WaybillRegion>();
            foreach (var (status, hours) in new[] { (CarrierStatus.Signed, 30), (CarrierStatus.InTransit, 5), (CarrierStatus.Signed, 30), (CarrierStatus.PickedUp, 1) })
                await waybills.Ask<TrackingAccepted>(new TrackWaybill("EA123456785CN", status, Monday.AddHours(hours), "王五"), Timeout);

            var state = (await Eventually(
                () => node.Region<CaseRegion>().Ask<CaseReply>(new GetCaseState("r1"), Timeout),
                r => r.State!.OriginalsReceived && r.State.Mailings[0].Events.Count == 3)).State!;
            Assert.True(state.OriginalsReceived);
            Assert.Equal(CarrierStatus.Signed, state.Mailings.Single().Status);
            Assert.Equal(3, state.Mailings.Single().Events.Count);
            stateBefore = state;

            worklistBefore = await Eventually(() => node.Region<UnitRegion>().Ask<Worklist>(new GetWorklist("qj-notary"), Timeout),
                w => w.Legs.Any(l => l.Status == LegStatus.Accepted));
            Assert.Equal(("r1", "leg1", LegStatus.Accepted), Assert.Single(worklistBefore.Legs) is var l ? (l.CaseId, l.LegId, l.Status) : default);
            Assert.Contains(worklistBefore.Deadlines, d => d.Step == DeadlineStep.Decision && !d.Missed);
            waybillBefore = await waybills.Ask<WaybillInfo>(new GetWaybill("EA123456785CN"), Timeout);
        }

        // Down for six weeks: the 15-working-day decision deadline passed meanwhile.
        await using (var node = await Node.StartAsync(_dir, Monday.AddDays(42)))
        {
            var waybill = await node.Region<WaybillRegion>().Ask<WaybillInfo>(new GetWaybill("EA123456785CN"), Timeout);
            Assert.Equal(waybillBefore, waybill);

            var missed = await Eventually(() => node.Region<CaseRegion>().Ask<CaseReply>(new GetCaseState("r1"), Timeout),
                r => r.State!.Deadlines.Any(d => d.Step == DeadlineStep.Decision && d.MissedAt is not null));
            var decision = missed.State!.Deadlines.Single(d => d.Step == DeadlineStep.Decision);
            Assert.NotNull(decision.MissedAt);
            Assert.Single(missed.State.Timeline, t => t.Type == "overdue");

            // Apart from the recorded miss (one event), the case is as it was.
            Assert.Equal(stateBefore.Version + 1, missed.State.Version);
            var expected = stateBefore.Apply(new DeadlineMissed(decision.DeadlineId, decision.MissedAt!.Value, missed.State.Timeline[^1].By));
            Assert.Equal(Json(expected), Json(missed.State));

            var worklist = await Eventually(() => node.Region<UnitRegion>().Ask<Worklist>(new GetWorklist("qj-notary"), Timeout),
                w => w.Deadlines.Any(d => d.Missed));
            Assert.Equal(worklistBefore.Legs, worklist.Legs);
            Assert.True(worklist.Deadlines.Single(d => d.Step == DeadlineStep.Decision).Missed);
        }
    }
}
