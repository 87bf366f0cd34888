using System.Collections.Immutable;
using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Persistence;
using KuaSheng.Actors.ReadModel;
using KuaSheng.Actors.Serialization;
using KuaSheng.Actors.Units;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Bench.Suite;

/// <summary>
/// A journal with many cases, faster than through HTTP. (1) <c>cases</c> submissions (item 1-1, as
/// <see cref="Workload.Submission"/>) are decided by the domain and their events written through the node's journal
/// (its serializer and tagger, batches of atomic writes sent to the journal actor), with the unit views the cases
/// would have synced, and a unit snapshot every 500 unit events as the units take them; the case projection's offset
/// is set to the end (its catch-up is not part of a start). (2) The app's node then takes <c>long</c> cases of
/// <c>events</c> events each through its shard region (submission, mailing, carrier events), which also makes the
/// units remembered entities, as they are after real use.
/// </summary>
internal static class CaseCorpus
{
    private const int UnitSnapshotEvery = 500;

    /// <summary>Case ids as the API makes them (16 lowercase hex digits), so that HTTP can query them.</summary>
    public static string BulkId(int i) => "b" + i.ToString("x15", System.Globalization.CultureInfo.InvariantCulture);

    public static string LongId(int i) => "a" + i.ToString("x15", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task BuildAsync(string dataDir, int cases, int longCases, int eventsPerLongCase)
    {
        // Dated today, as the node that measures them runs on the wall clock: no deadline falls due at its start.
        var now = DateTimeOffset.Now;
        await WriteBulkAsync(dataDir, cases, now);
        await using var node = await BenchNode.StartAsync(dataDir);
        var region = node.Region<CaseRegion>();
        var timeout = TimeSpan.FromSeconds(60);
        await Task.WhenAll(Enumerable.Range(0, longCases).Select(async i =>
        {
            var id = LongId(i);
            var waybill = Workload.WaybillFor(id);
            await Workload.Send(region, id, "1", Workload.Submission(id, now), timeout);
            await Workload.Send(region, id, "2", Workload.MailOriginals(waybill), timeout);
            for (var n = 0; n < eventsPerLongCase - 3; n++) await Workload.Send(region, id, $"t{n}", Workload.InTransit(waybill, n), timeout);
        }));
    }

    private static async Task WriteBulkAsync(string dataDir, int cases, DateTimeOffset now)
    {
        var options = new KuaShengOptions { DataDir = dataDir };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddAkka("corpus", (akka, _) => akka.WithKuaShengSerialization().WithKuaShengPersistence(options)
            .ConfigureLoggers(l => l.LogLevel = Akka.Event.LogLevel.WarningLevel));
        using var host = builder.Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var persistence = Persistence.Instance.Apply(system);
        var journal = persistence.JournalFor(null);
        var snapshots = persistence.SnapshotStoreFor(null);
        var writer = system.ActorOf(Props.Create(() => new BatchWriter(journal)));

        var context = new CaseContext(now, ReferenceData.Embedded.Calendar, TimeLimits.Default);
        var units = new Dictionary<string, (long Seq, Dictionary<string, SyncCaseToUnit> Views, SnapshotSchedule Snapshots)>(StringComparer.Ordinal);
        var batch = new List<AtomicWrite>();
        var writerId = Guid.NewGuid().ToString();
        for (var i = 0; i < cases; i++)
        {
            var id = BulkId(i);
            var decision = CaseDecider.Decide(null, Workload.Submission(id, now), context);
            var events = decision.Events;
            batch.Add(Atomic($"case-{id}", [new CaseJournalBatch(events, "submit")], 1, writerId)); // as the case writes it
            foreach (var view in UnitViews.Changed(null, decision.State!))
            {
                var unit = units.TryGetValue(view.UnitId, out var u) ? u
                    : (0, new Dictionary<string, SyncCaseToUnit>(StringComparer.Ordinal), new SnapshotSchedule(UnitSnapshotEvery));
                unit.Views[view.CaseId] = view;
                unit.Seq++;
                units[view.UnitId] = unit;
                batch.Add(Atomic($"unit-{view.UnitId}", [new UnitCaseViewUpdated(view)], unit.Seq, writerId));
                if (unit.Snapshots.Due(unit.Seq, unit.Views.Count)) // as the unit actor schedules them
                {
                    await Flush(writer, batch); // the snapshot must not be ahead of its events
                    await snapshots.Ask<SaveSnapshotSuccess>(new SaveSnapshot(new SnapshotMetadata($"unit-{view.UnitId}", unit.Seq, DateTime.UtcNow),
                        new UnitSnapshot(unit.Views.Values.ToList())), TimeSpan.FromMinutes(2));
                }
            }
            if (batch.Count >= 1000) await Flush(writer, batch);
        }
        await Flush(writer, batch);
        await host.StopAsync();
        await MarkProjectedAsync(options);
    }

    private static AtomicWrite Atomic(string persistenceId, IReadOnlyList<object> payloads, long firstSeq, string writerId) =>
        new(payloads.Select((p, k) => (IPersistentRepresentation)new Persistent(p, firstSeq + k, persistenceId, "", false, ActorRefs.NoSender, writerId))
            .ToImmutableList());

    private static async Task Flush(IActorRef writer, List<AtomicWrite> batch)
    {
        if (batch.Count == 0) return;
        var done = await writer.Ask<object>(batch.ToList(), TimeSpan.FromMinutes(5));
        if (done is Status.Failure f) throw new InvalidOperationException("Writing the corpus failed", f.Cause);
        batch.Clear();
    }

    /// <summary>The projection's offset at the end of the journal, with the version of the code that writes it: the read
    /// model of the bulk cases is not built (without the version the node took the tables for another version's and
    /// rebuilt them at start, so the memory figures measured a rebuild of the corpus in flight).</summary>
    private static async Task MarkProjectedAsync(KuaShengOptions options)
    {
        await CaseReadModelStore.For(options).EnsureSchemaAsync();
        long end;
        await using (var journal = new SqliteConnection(options.SqliteConnectionString()))
        {
            await journal.OpenAsync();
            end = await ProjectionOffsets.JournalEndAsync(journal, CancellationToken.None);
        }
        await using var connection = new SqliteConnection(options.SqliteReadModelConnectionString());
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await ProjectionOffsets.SaveAsync(connection, tx, CaseReadModelStore.ProjectionName, CaseReadModelStore.Version, end, DateTimeOffset.UtcNow,
            CancellationToken.None);
        await tx.CommitAsync();
    }

    /// <summary>Sends a batch of atomic writes to the journal and answers the asker when the journal has written all of it.</summary>
    private sealed class BatchWriter : ReceiveActor
    {
        private IActorRef? _asker;
        private string? _rejected;

        public BatchWriter(IActorRef journal)
        {
            Receive<List<AtomicWrite>>(writes =>
            {
                _asker = Sender;
                _rejected = null;
                journal.Tell(new WriteMessages(writes, Self, 1));
            });
            Receive<WriteMessageSuccess>(_ => { });
            Receive<WriteMessageRejected>(r => _rejected ??= r.Cause.Message);
            Receive<WriteMessageFailure>(r => _rejected ??= r.Cause.Message);
            Receive<WriteMessagesSuccessful>(_ => _asker?.Tell(_rejected is null ? "ok" : new Status.Failure(new InvalidOperationException(_rejected))));
            Receive<WriteMessagesFailed>(f => _asker?.Tell(new Status.Failure(f.Cause)));
        }
    }
}
