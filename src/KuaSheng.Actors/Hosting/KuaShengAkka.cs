using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Sql.Hosting;
using Akka.Remote.Hosting;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Persistence;
using KuaSheng.Actors.ReadModel;
using KuaSheng.Actors.Reference;
using KuaSheng.Actors.Serialization;
using KuaSheng.Actors.Tickets;
using KuaSheng.Actors.Time;
using KuaSheng.Actors.Units;
using KuaSheng.Actors.Waybills;
using KuaSheng.Domain;
using KuaSheng.Domain.Deadlines;
using LinqToDB;
using Microsoft.Extensions.DependencyInjection;

namespace KuaSheng.Actors.Hosting;

/// <summary>All of the node's Akka wiring in one place: remoting, cluster, persistence, serialization, the shard
/// regions of the entities, and the start-up work. The host and the tests use the same code.</summary>
public static class KuaShengAkka
{
    public const string SystemName = "kuasheng";
    private const int MaxShards = 100;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Registers the node's services (clock, reference data) and its actor system.</summary>
    public static IServiceCollection AddKuaSheng(this IServiceCollection services, KuaShengOptions options, Action<AkkaConfigurationBuilder, IServiceProvider>? extra = null)
    {
        services.AddSingleton(options);
        services.AddSingleton(new AdjustableClock(SystemClock.Instance));
        services.AddSingleton<IClock>(sp => sp.GetRequiredService<AdjustableClock>());
        services.AddSingleton(new ReferenceDataStore(ReferenceData.Embedded));
        services.AddSingleton(_ => CaseReadModelStore.For(options));
        services.AddSingleton(_ => TicketReadModelStore.For(options));
        services.AddSingleton(_ => new ProjectionMetrics());
        if (options.Database == DatabaseKind.PostgreSql) services.AddHostedService<WriteFenceLift>();
        services.AddAkka(SystemName, (builder, sp) =>
        {
            builder.WithKuaSheng(options, sp.GetRequiredService<IClock>(), sp.GetRequiredService<ReferenceDataStore>(),
                sp.GetRequiredService<CaseReadModelStore>(), sp.GetRequiredService<TicketReadModelStore>(), sp.GetRequiredService<ProjectionMetrics>());
            extra?.Invoke(builder, sp);
        });
        return services;
    }

    /// <summary>The PostgreSQL connection string of this node's journal, with the application name that
    /// <see cref="WriteFence"/> fences by.</summary>
    public static string FencedConnectionString(KuaShengOptions options) =>
        WriteFence.ConnectionString(options.ConnectionString ?? throw new InvalidOperationException("KuaSheng:ConnectionString is required for PostgreSQL."),
            WriteFence.NodeName(options.Cluster.AddressHost, options.Cluster.Port));

    public static AkkaConfigurationBuilder WithKuaSheng(this AkkaConfigurationBuilder builder, KuaShengOptions options, IClock clock, ReferenceDataStore reference,
        CaseReadModelStore? readModel = null, TicketReadModelStore? ticketReadModel = null, ProjectionMetrics? projectionMetrics = null)
    {
        readModel ??= CaseReadModelStore.For(options);
        ticketReadModel ??= TicketReadModelStore.For(options);
        var tls = options.Cluster.Tls;
        var seeds = options.Cluster.Seeds.Length > 0
            ? options.Cluster.Seeds.Select(s => ClusterTls.Seed(s, tls)).ToArray()
            : [$"{ClusterTls.Protocol(tls)}://{SystemName}@{options.Cluster.AddressHost}:{options.Cluster.Port}"];
        builder
            .WithRemoting(ClusterTls.Remoting(options.Cluster))
            .WithClustering(new ClusterOptions
            {
                SeedNodes = seeds,
                Roles = options.Cluster.Roles,
                SplitBrainResolver = new KeepMajorityOption(),
            })
            .WithKuaShengSerialization()
            .AddHocon(options.Cluster.Failover.Hocon(), HoconAddMode.Prepend);
        builder.WithKuaShengPersistence(options);
        if (options.Database == DatabaseKind.Sqlite) builder.WithSqliteReadModelFile(options);

        var role = options.Cluster.Roles.FirstOrDefault();
        var projections = ProjectionSettings.For(options);
        var caseSettings = new CaseActorSettings(clock, () => reference.Current.Calendar, TimeLimits.Default, options.SnapshotEvery,
            options.PassivateAfter, options.RedeliveryInterval, AskTimeout);
        var ticketSettings = new TicketActorSettings(clock, () => reference.Current.Calendar, TimeLimits.Default, options.PassivateAfter,
            options.RedeliveryInterval);
        var unitSettings = new UnitActorSettings(clock, options.DeadlineCheckInterval, TimeSpan.FromSeconds(30), SnapshotEvery: 500);

        builder
            .WithShardRegion<CaseRegion>("case",
                // Props from arguments, not from an expression: Akka compiles an expression's arguments for every new
                // entity (JIT on every case started: ~10% of a busy node's CPU, docs/benchmarks.md).
                (_, registry, _) => id => Props.Create<CaseActor>(id, caseSettings, registry.Get<UnitRegion>(), registry.Get<WaybillRegion>()),
                new EntityExtractor(MaxShards, m => (m as IWithCaseId)?.CaseId),
                // Cases passivate themselves when idle, but never while a unit has not acknowledged them.
                new ShardOptions { StateStoreMode = StateStoreMode.DData, Role = role, ShouldPassivateIdleEntities = false })
            .WithShardRegion<UnitRegion>("unit",
                (_, registry, _) => id => Props.Create(() => new UnitActor(id, unitSettings, registry.Get<CaseRegion>())),
                new EntityExtractor(MaxShards, m => (m as IWithUnitId)?.UnitId),
                // Units are the durable timers of their cases: always running, restarted with the node.
                new ShardOptions
                {
                    StateStoreMode = StateStoreMode.DData,
                    RememberEntities = true,
                    RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
                    Role = role,
                    ShouldPassivateIdleEntities = false,
                })
            .WithShardRegion<WaybillRegion>("waybill",
                (_, registry, _) => id => Props.Create<WaybillActor>(id, registry.Get<CaseRegion>(), options.RedeliveryInterval, AskTimeout,
                    options.PassivateAfter),
                new EntityExtractor(MaxShards, m => (m as IWithWaybillNumber)?.WaybillNumber),
                new ShardOptions { StateStoreMode = StateStoreMode.DData, Role = role, ShouldPassivateIdleEntities = false })
            .WithShardRegion<ReferenceRegion>("reference",
                (_, _, _) => id => Props.Create(() => new ReferenceActor(id, ReferenceData.Embedded)),
                new EntityExtractor(1, m => m is ChangeReference or GetReferenceChanges ? ReferenceFollower.EntityId : null),
                new ShardOptions { StateStoreMode = StateStoreMode.DData, Role = role, ShouldPassivateIdleEntities = false })
            // Tickets and the per-unit ticket indexes share one region (an index's entity id is TicketEntities.IndexPrefix
            // + unit id). Tickets passivate themselves when idle, but never while their index has not acknowledged them.
            .WithShardRegion<TicketRegion>("ticket",
                (_, registry, _) => id => TicketEntities.Props(id, ticketSettings, registry.Get<TicketRegion>()),
                new EntityExtractor(MaxShards, TicketEntities.EntityId),
                new ShardOptions { StateStoreMode = StateStoreMode.DData, Role = role, ShouldPassivateIdleEntities = false })
            // The read models: one runner per projection in the cluster, restarted with backoff after a failure.
            .WithSingleton<CaseProjectionKey>("case-projection", ProjectionRunner.Supervised(readModel, projections),
                new ClusterSingletonOptions { Role = role })
            .WithSingleton<TicketProjectionKey>("ticket-projection", ProjectionRunner.Supervised(ticketReadModel, projections),
                new ClusterSingletonOptions { Role = role })
            .WithActors((system, registry, _) =>
            {
                system.ActorOf(QuarantineWatcher.Props(), "quarantine-watcher");
                if (options.Database == DatabaseKind.PostgreSql)
                    system.ActorOf(WriteFencer.Props(FencedConnectionString(options)), "write-fencer");
                var follower = system.ActorOf(Props.Create(() =>
                    new ReferenceFollower(reference, registry.Get<ReferenceRegion>(), TimeSpan.FromSeconds(2))), "reference-follower");
                registry.Register<ReferenceFollowerKey>(follower);
                if (projectionMetrics is not null)
                    system.ActorOf(ProjectionMonitor.Props([registry.Get<CaseProjectionKey>(), registry.Get<TicketProjectionKey>()],
                        projectionMetrics, TimeSpan.FromSeconds(5)), "projection-monitor");
                // Units need no waking: the first case that syncs to a unit starts it, and remember-entities
                // restarts it with the node from then on (a unit without cases has no deadlines to keep).
            });
        return builder;
    }

    /// <summary>Case and ticket events are tagged for the read-model projections (<see cref="ReadModelTagger"/>).</summary>
    private static void TagForReadModels(AkkaPersistenceJournalBuilder journal) =>
        journal.AddWriteEventAdapter<ReadModelTagger>("read-model-tagger", ReadModelTagger.TaggedTypes);

    private const string PostgresTagModes = """
        akka.persistence.journal.sql.tag-write-mode = Both
        akka.persistence.query.journal.sql.tag-read-mode = Csv
        """;

    /// <summary>The embedded read models' own file (<see cref="KuaShengOptions.SqliteReadModelConnectionString"/>): WAL,
    /// synced at checkpoints (derived data committed with its offset), checkpointed in the background like the
    /// journal's.</summary>
    private static void WithSqliteReadModelFile(this AkkaConfigurationBuilder builder, KuaShengOptions options)
    {
        var connectionString = options.SqliteReadModelConnectionString();
        SqliteSetup.Prepare(connectionString, SqliteSynchronous.Normal);
        builder.WithActors((system, _) => system.ActorOf(SqliteCheckpointer.Props(connectionString), "sqlite-read-model-checkpointer"));
    }

    /// <summary>The journal and snapshot store of the node, with its settings (also used alone by the benchmark of the
    /// framework's own limit).</summary>
    public static AkkaConfigurationBuilder WithKuaShengPersistence(this AkkaConfigurationBuilder builder, KuaShengOptions options)
    {
        // After journal trouble, try the database again within seconds (Akka's defaults wait 30 s and 60 s, which
        // kept a node unavailable ~22 s after the database was writable again: docs/benchmarks.md).
        var poll = $"{(int)options.ProjectionPollInterval.TotalMilliseconds}ms";
        builder.AddHocon($$"""
            akka.persistence.journal.sql.circuit-breaker { max-failures = 10, call-timeout = 20s, reset-timeout = 5s }
            akka.persistence.snapshot-store.sql.circuit-breaker { max-failures = 5, call-timeout = 20s, reset-timeout = 5s }
            # Read-model projections: look for new events every ProjectionPollInterval (default 1 s each: ~1 s of lag).
            akka.persistence.query.journal.sql { refresh-interval = {{poll}}, journal-sequence-retrieval.query-delay = {{poll}} }
            # Each write, read and snapshot opens a connection from the plugin's options instead of cloning one: linq2db
            # combines the plugin's mapping schema with the provider's once per options and keeps it, but anew for every
            # clone (a MappingSchema per write: 13.6% of the node's allocations; docs/benchmarks.md, session 9).
            akka.persistence.journal.sql.use-clone-connection = false
            akka.persistence.snapshot-store.sql.use-clone-connection = false
            akka.persistence.query.journal.sql.use-clone-connection = false
            """, HoconAddMode.Prepend);
        if (options.Database == DatabaseKind.PostgreSql)
        {
            builder.WithSqlPersistence(FencedConnectionString(options),
                ProviderName.PostgreSQL15, databaseMapping: DatabaseMapping.PostgreSql, autoInitialize: true, journalBuilder: TagForReadModels);
            // Tags go to the tag table and to the journal row's tags column; the projections' EventsByTag reads the
            // column. The read journal's tag-table query gathers each row's tags with
            // STRING_AGG(tag) FILTER (WHERE ordering_id = x.ordering) FROM tags, a scan of the whole tag table for every
            // row (plugin 1.5.73, linq2db 6.5.1; docs/benchmarks.md 4b); the column query reads an ordering range.
            builder.AddHocon(PostgresTagModes, HoconAddMode.Prepend);
            return builder;
        }
        var connectionString = options.SqliteConnectionString();
        SqliteSetup.Prepare(connectionString, options.SqliteSynchronous);
        var pragmas = SqliteSetup.Pragmas(connectionString);
        var sqlite = new DataOptions().UseConnectionString(ProviderName.SQLiteMS, connectionString)
            .UseAfterConnectionOpened(c => SqliteSetup.OnOpened(c, pragmas), (c, ct) => SqliteSetup.OnOpenedAsync(c, pragmas, ct));
        builder.WithSqlPersistence(sqlite, databaseMapping: DatabaseMapping.Sqlite, autoInitialize: true, journalBuilder: TagForReadModels);
        builder.WithActors((system, _) => system.ActorOf(SqliteCheckpointer.Props(connectionString), "sqlite-checkpointer"));
        // With DataOptions the plugin's provider-name stays empty, and the journal's indexes (persistence id and sequence
        // number) are created only for a named provider: without them every recovery scanned the whole journal.
        builder.AddHocon($"""
            akka.persistence.journal.sql.provider-name = "{ProviderName.SQLiteMS}"
            akka.persistence.snapshot-store.sql.provider-name = "{ProviderName.SQLiteMS}"
            akka.persistence.query.journal.sql.provider-name = "{ProviderName.SQLiteMS}"
            """, HoconAddMode.Prepend);
        // Events are written by the node's own writer (SqliteJournal: one connection, group commit, one prepared insert);
        // the plugin's journal keeps the tables, replay, sequence numbers and deletes.
        builder.AddHocon($$"""
            akka.persistence.journal.sql.class = "{{typeof(SqliteJournal).FullName}}, {{typeof(SqliteJournal).Assembly.GetName().Name}}"
            akka.persistence.journal.sql.{{SqliteJournal.ConnectionStringKey}} = {{connectionString.ToHocon()}}
            """, HoconAddMode.Prepend);
        // Reads (recovery, queries) in a plain BEGIN: Microsoft.Data.Sqlite opens any other isolation level with BEGIN
        // IMMEDIATE, i.e. SQLite's write lock, so every recovery queued behind the writers (10,000 cases woken at once
        // timed out as "database is locked"). In WAL a read sees a consistent snapshot; read_uncommitted itself only
        // matters with a shared cache, which the node does not use.
        builder.AddHocon("""
            akka.persistence.journal.sql.read-isolation-level = read-uncommitted
            akka.persistence.snapshot-store.sql.read-isolation-level = read-uncommitted
            akka.persistence.query.journal.sql.read-isolation-level = read-uncommitted
            """, HoconAddMode.Prepend);
        return builder;
    }
}
