using Akka.Actor;
using Akka.Configuration;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Time;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;

namespace KuaSheng.Actors.Tests.Entities;

/// <summary>TestKit on the in-memory journal, with a settable clock and helpers to build cases.</summary>
public abstract class EntityTestKit : Akka.TestKit.Xunit2.TestKit
{
    protected static readonly Config Hocon = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);

    /// <param name="config">Settings that take precedence over <see cref="Hocon"/> (e.g. another journal).</param>
    protected EntityTestKit(Config? config = null) : base(config is null ? Hocon : config.WithFallback(Hocon))
    {
        Clock.Set(new DateTimeOffset(2026, 3, 2, 9, 0, 0, CaseContext.ChinaOffset)); // Monday
    }

    protected AdjustableClock Clock { get; } = new(SystemClock.Instance);

    /// <summary>The rows the journal holds for a persistence id, read from the journal itself.</summary>
    protected int JournalRows(string persistenceId)
    {
        var probe = CreateTestProbe();
        Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null)
            .Tell(new Akka.Persistence.ReplayMessages(0, long.MaxValue, long.MaxValue, persistenceId, probe.Ref));
        var count = 0;
        while (probe.ReceiveOne(TimeSpan.FromSeconds(3)) is var message and not Akka.Persistence.RecoverySuccess)
        {
            Assert.IsType<Akka.Persistence.ReplayedMessage>(message);
            count++;
        }
        return count;
    }

    protected CaseActorSettings CaseSettings(int snapshotEvery = 100) => new(
        Clock, () => ReferenceData.Embedded.Calendar, TimeLimits.Default, snapshotEvery,
        PassivateAfter: TimeSpan.FromMinutes(5), RedeliveryInterval: TimeSpan.FromMilliseconds(300), AskTimeout: TimeSpan.FromSeconds(3));

    protected static readonly CommandActor Clerk = new("window", "clerk-1", "qj-window");

    protected static CommandActor Officer(string unit) => new("officer", "officer-1", unit);

    protected static SubmitCase Submission(string caseId, IReadOnlyList<Leg>? legs = null, bool originals = false) =>
        new(caseId, $"QJ-{caseId}", "hash", new ItemTerms("1-1", 1, "学历公证", originals, 15, false),
            HandlingMode.Proxy, Channel.Window, "qj-window",
            new Applicant(ApplicantKind.Person, "张三", "52032219900307001X", "13800138000", "520322", null), null, null,
            [new Material("毕业证书", originals)], new DeliveryPreference(DeliveryMethod.Mail, "贵州省桐梓县1号"),
            legs ?? [new Leg("leg1", "u-home", LegRole.Home, 1, LegStatus.Pending)], [], Clerk);

    protected static Props CaseProps(string id, CaseActorSettings settings, IActorRef units, IActorRef waybills) =>
        Props.Create(() => new CaseActor(id, settings, units, waybills));
}
