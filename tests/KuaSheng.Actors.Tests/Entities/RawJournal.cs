using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;

namespace KuaSheng.Actors.Tests.Entities;

/// <summary>Reads and writes a persistence id's journal rows as they are, without any entity's rules: to see what an
/// entity wrote, or to give it a journal an older (or broken) version wrote.</summary>
public static class RawJournal
{
    /// <summary>Writes the payloads as rows under the persistence id, after the rows it has, and waits until stored.</summary>
    public static void Write(TestKitBase kit, string persistenceId, params object[] payloads)
    {
        var probe = kit.CreateTestProbe();
        var writer = kit.Sys.ActorOf(Props.Create(() => new Writer(persistenceId, payloads, probe.Ref)));
        writer.Tell("write");
        probe.ExpectMsg("done");
        probe.Watch(writer);
        writer.Tell(PoisonPill.Instance);
        probe.ExpectTerminated(writer);
    }

    /// <summary>Every row's payload under the persistence id, in order (no snapshot is offered).</summary>
    public static IReadOnlyList<object> Read(TestKitBase kit, string persistenceId)
    {
        var probe = kit.CreateTestProbe();
        kit.Sys.ActorOf(Props.Create(() => new Reader(persistenceId, probe.Ref)));
        var rows = new List<object>();
        while (probe.ExpectMsg<object>() is not RecoveryCompleted) rows.Add(probe.LastMessage);
        return rows;
    }

    private sealed class Writer : ReceivePersistentActor
    {
        public Writer(string persistenceId, object[] payloads, IActorRef done)
        {
            PersistenceId = persistenceId;
            Command<string>(_ =>
            {
                PersistAll(payloads, _ => { });
                DeferAsync("done", d => done.Tell(d));
            });
        }

        public override string PersistenceId { get; }
    }

    private sealed class Reader : ReceivePersistentActor
    {
        public Reader(string persistenceId, IActorRef to)
        {
            PersistenceId = persistenceId;
            Recover<RecoveryCompleted>(c =>
            {
                to.Tell(c);
                Context.Stop(Self);
            });
            RecoverAny(to.Tell);
        }

        public override string PersistenceId { get; }

        public override Recovery Recovery => new(SnapshotSelectionCriteria.None);
    }
}
