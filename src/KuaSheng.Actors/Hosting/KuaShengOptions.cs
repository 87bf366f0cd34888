namespace KuaSheng.Actors.Hosting;

/// <summary>Which database the journal, snapshots and read models live in.</summary>
public enum DatabaseKind { Sqlite, PostgreSql }

/// <summary>When an embedded SQLite database syncs its writes to disk (<c>PRAGMA synchronous</c>, WAL mode).</summary>
public enum SqliteSynchronous
{
    /// <summary>Every commit is synced before it is answered: an answered command survives a power cut.</summary>
    Full,
    /// <summary>The WAL is synced at checkpoints only: an answered command survives a crash of the process, not of
    /// the machine (the last commits before a checkpoint may be lost; the file stays consistent).</summary>
    Normal,
}

/// <summary>What an operator sets for a node (configuration section <c>KuaSheng</c>); everything else is wiring.</summary>
public sealed class KuaShengOptions
{
    /// <summary>Folder of the embedded SQLite database (<c>KuaSheng:DataDir</c>).</summary>
    public string DataDir { get; set; } = "./data";

    public DatabaseKind Database { get; set; } = DatabaseKind.Sqlite;

    /// <summary>How durable a commit to the embedded database is (<c>KuaSheng:SqliteSynchronous</c>): <c>Full</c> by
    /// default (docs/benchmarks.md has the cost measured against <c>Normal</c>).</summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>PostgreSQL connection string when <see cref="Database"/> is PostgreSql; for SQLite, derived from DataDir when empty.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A file holding the whole connection string (a mounted secret); wins over <see cref="ConnectionString"/>.</summary>
    public string? ConnectionStringFile { get; set; }

    /// <summary>The database password, added to the connection string (best from the environment:
    /// <c>KuaSheng__DatabasePassword</c>).</summary>
    public string? DatabasePassword { get; set; }

    /// <summary>A file holding the database password (its first line); wins over <see cref="DatabasePassword"/>.</summary>
    public string? DatabasePasswordFile { get; set; }

    public ClusterSettings Cluster { get; set; } = new();

    /// <summary>Snapshot a case every N journal rows (one per command that changed it).</summary>
    public int SnapshotEvery { get; set; } = 100;

    /// <summary>Passivate an idle case after this long.</summary>
    public TimeSpan PassivateAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often units look for deadlines that fell due (also at start-up).</summary>
    public TimeSpan DeadlineCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Redelivery interval of case → unit and waybill → case messages until acknowledged.</summary>
    public TimeSpan RedeliveryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the read-model projections look for new events and how long a batch waits to fill: the lag
    /// of the read side against the polling load on the database (<c>KuaSheng:ProjectionPollInterval</c>).</summary>
    /// <remarks>100 ms: against 200 ms, projection lag p99 at 70% of peak 130-139 ms instead of 324-343 (one node,
    /// SQLite) and ~300 instead of 600-830 ms (two nodes, PostgreSQL), commands/s unchanged (docs/benchmarks.md).</remarks>
    public TimeSpan ProjectionPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Enables the dev token endpoint and the dev clock. Off in production configuration.</summary>
    public bool DevFeatures { get; set; }

    /// <summary>Marks a production configuration (on in <c>production.json</c>): a node refuses to start with
    /// <see cref="DevFeatures"/> on as well, whatever turned them on.</summary>
    public bool Production { get; set; }

    public string SqliteConnectionString() =>
        // A busy database is waited for 10 s: less than the API's 15 s, so a caller gets "unavailable" rather than a
        // time-out while its command may still be applied later.
        ConnectionString ?? $"Data Source={Path.Combine(DataDir, "kuasheng.db")};Pooling=True;Default Timeout=10";

    /// <summary>
    /// The embedded read models' own file, beside the journal's (<c>kuasheng.db</c> → <c>kuasheng.readmodel.db</c>), with
    /// the journal's connection settings. The projections write here so that they never wait for SQLite's one write lock
    /// of the journal's file, nor make the journal wait for theirs (docs/benchmarks.md, issue #12). What it holds is
    /// derived from the journal: every batch commits with its offset, so the file is synced at checkpoints only
    /// (<see cref="SqliteSynchronous.Normal"/>): a power cut may take its last batches, which are projected again.
    /// </summary>
    public string SqliteReadModelConnectionString()
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(SqliteConnectionString());
        var journalFile = builder.DataSource;
        builder.DataSource = Path.Combine(Path.GetDirectoryName(journalFile) ?? "", Path.GetFileNameWithoutExtension(journalFile) + ".readmodel.db");
        return builder.ConnectionString;
    }
}

public sealed class ClusterSettings
{
    /// <summary>Where Akka remoting listens (<c>0.0.0.0</c>: every interface, then set <see cref="PublicHostname"/>).</summary>
    public string Hostname { get; set; } = "127.0.0.1";
    /// <summary>The host name other nodes reach this one by, when it differs from <see cref="Hostname"/> (a Kubernetes
    /// pod's stable name, <c>kuasheng-0.kuasheng</c>): part of this node's address.</summary>
    public string? PublicHostname { get; set; }
    /// <summary>The host of this node's address: <see cref="PublicHostname"/> when set, else <see cref="Hostname"/>.</summary>
    public string AddressHost => string.IsNullOrWhiteSpace(PublicHostname) ? Hostname : PublicHostname;
    public int Port { get; set; } = 4100;
    /// <summary>Seed nodes as akka.tcp://kuasheng@host:port; empty means join itself (single node).</summary>
    public string[] Seeds { get; set; } = [];
    public string[] Roles { get; set; } = ["kuasheng"];
    /// <summary>Failure detection, downing and hand-over timings (<see cref="FailoverSettings"/>).</summary>
    public FailoverSettings Failover { get; set; } = new();
    /// <summary>TLS with mutual authentication between the nodes; off without a certificate (<see cref="TlsSettings"/>).</summary>
    public TlsSettings Tls { get; set; } = new();
}
