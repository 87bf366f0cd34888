using System.Diagnostics;
using Akka.Persistence.Query;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.ReadModel;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Bench;

/// <summary>
/// The case projection's write side alone (no journal, no actors): whole case flows decided by the domain
/// (submission, form review, identity, acceptance, decision, pickup, collection, rating: ~12 events a case),
/// interleaved as 64 cases in flight would write them, applied to <see cref="CaseReadModelStore"/> on a SQLite file
/// with the node's settings in batches as the runner makes them. What a rebuild costs apart from reading the journal.
/// </summary>
internal static class ProjectionApplyBench
{
    public static async Task<int> Run(Args options)
    {
        var cases = options.Int("cases", 5000);
        var batchSize = options.Int("batch", 500);
        Machine.Print("projection-apply", options.Echo());
        var envelopes = Interleave(Enumerable.Range(0, cases).Select(i => Flow($"a{i:D6}")).ToList(), inFlight: 64);
        using var dir = new TempDir("projection-apply");
        var connectionString = new KuaShengOptions { DataDir = dir.Path }.SqliteConnectionString();
        SqliteSetup.Prepare(connectionString);
        var store = new CaseReadModelStore(DatabaseKind.Sqlite, connectionString);
        await store.EnsureSchemaAsync();

        var watch = Stopwatch.StartNew();
        for (var start = 0; start < envelopes.Count; start += batchSize)
        {
            var batch = envelopes.GetRange(start, Math.Min(batchSize, envelopes.Count - start));
            await store.ApplyAsync(batch, ((Sequence)batch[^1].Offset).Value, DateTimeOffset.UtcNow);
        }
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"applied {envelopes.Count} events of {cases} cases in batches of {batchSize}: {seconds:F1} s ({envelopes.Count / seconds:F0} events/s)");
        Console.WriteLine($"  db {Stats.Mib(new FileInfo(dir.Db).Length)} MiB");
        return 0;
    }

    private static readonly CommandActor Clerk = Workload.Clerk;
    private static readonly CommandActor Notary = new("officer", "notary", "qj-notary");

    /// <summary>One case from submission to rating, as the journal holds it.</summary>
    private static List<CaseEvent> Flow(string caseId)
    {
        var context = new CaseContext(Workload.Monday, ReferenceData.Embedded.Calendar, TimeLimits.Default);
        CaseState? state = null;
        var events = new List<CaseEvent>();
        void Do(CaseCommand command)
        {
            var decision = CaseDecider.Decide(state, command, context);
            if (decision.Refusal is { } refusal) throw new InvalidOperationException($"{command.GetType().Name}: {refusal.Message}");
            state = decision.State;
            events.AddRange(decision.Events);
        }
        Do(Workload.Submission(caseId));
        Do(Workload.PassForm());
        Do(new VerifyIdentity(IdentityMethod.Document, true, Clerk));
        Do(new ReceiveOriginals(Notary));
        Do(new DecideAcceptance("leg1", true, null, Notary));
        Do(new DecideLeg("leg1", DecisionOutcome.Approved, null, new ResultDocument("公证书", "(2026)渝綦证字第1号", null), Notary));
        Do(new DeliverResult(DeliveryMethod.Pickup, null, null, null, null, Clerk));
        Do(new ConfirmResultCollected(Clerk));
        Do(new Rate(RatingLevel.Satisfied, null, "window", Clerk));
        return events;
    }

    /// <summary>The journal's order when <paramref name="inFlight"/> cases advance side by side: one event of each in turn.</summary>
    private static List<EventEnvelope> Interleave(List<List<CaseEvent>> flows, int inFlight)
    {
        var envelopes = new List<EventEnvelope>();
        long ordering = 0;
        for (var group = 0; group < flows.Count; group += inFlight)
        {
            var members = flows.Skip(group).Take(inFlight).Select((f, i) => (Events: f, CaseId: $"a{group + i:D6}")).ToList();
            var longest = members.Max(m => m.Events.Count);
            for (var n = 0; n < longest; n++)
                foreach (var (events, caseId) in members)
                    if (n < events.Count)
                        envelopes.Add(new EventEnvelope(Offset.Sequence(++ordering), $"case-{caseId}", n + 1,
                            new CaseJournalEvent(events[n], $"cmd-{n}"), events[n].At.UtcTicks, [ReadModelTagger.CaseTag]));
        }
        return envelopes;
    }
}
