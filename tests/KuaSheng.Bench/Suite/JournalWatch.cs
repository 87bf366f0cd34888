using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KuaSheng.Bench.Suite;

/// <summary>
/// Watches the nodes' database from outside (the node's SQLite files through read-only connections, as WAL allows, or
/// the cluster's PostgreSQL database): how far the journal is (highest ordering, case events by persistence id) and how
/// far behind the case projection is. Lag = age of the oldest case event the projection has not applied yet (0 when
/// none), sampled every 100 ms. The queries are the same on both; on SQLite the projection's offset is read from the
/// read models' own file.
/// </summary>
internal sealed class JournalWatch : IAsyncDisposable
{
    private readonly DbConnection _connection;
    /// <summary>Where the projection's offset is: the read models' file on SQLite, else <see cref="_connection"/>.</summary>
    private readonly DbConnection _readModel;
    private readonly List<double> _lags = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _sampler;

    public JournalWatch(string db)
        : this(ReadOnly(db), ReadOnly(new SqliteConnectionStringBuilder(
            new KuaSheng.Actors.Hosting.KuaShengOptions { ConnectionString = $"Data Source={db}" }.SqliteReadModelConnectionString()).DataSource))
    {
    }

    private static SqliteConnection ReadOnly(string file) => new($"Data Source={file};Mode=ReadOnly;Pooling=False;Default Timeout=10");

    private JournalWatch(DbConnection connection, DbConnection? readModel = null)
    {
        _connection = connection;
        _connection.Open();
        _readModel = readModel ?? connection;
        if (readModel is not null) _readModel.Open();
        // The write time in .NET ticks (UTC): "timestamp" in the SQLite journal, "created_at" in PostgreSQL's.
        _writtenColumn = connection is NpgsqlConnection ? "created_at" : "timestamp";
    }

    private readonly string _writtenColumn;

    /// <summary>"sqlite:PATH" (a node's kuasheng.db) or "postgres:CONNECTION STRING".</summary>
    public static JournalWatch For(string database) => database.Split(':', 2) switch
    {
        ["sqlite", var path] => new JournalWatch(path),
        ["postgres", var connectionString] => new JournalWatch(new NpgsqlConnection(connectionString)),
        _ => throw new ArgumentException($"--database {database}: expected sqlite:PATH or postgres:CONNECTION-STRING"),
    };

    /// <summary>Where the journal is; on PostgreSQL also the server's committed transactions in this database and its
    /// WAL syncs (pg_stat_database, pg_stat_wal: statistics the server flushes about once a second).</summary>
    public sealed record Mark(long Ordering, long CaseEvents, long At, long? Commits = null, long? WalSyncs = null);

    public Mark Now() => new(Scalar("SELECT COALESCE(MAX(ordering), 0) FROM event_journal"),
        Scalar("SELECT COUNT(*) FROM event_journal WHERE persistence_id LIKE 'case-%'"), Stopwatch.GetTimestamp(),
        _connection is NpgsqlConnection ? Scalar("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()") : null,
        _connection is NpgsqlConnection ? Scalar("SELECT wal_sync FROM pg_stat_wal") : null);

    /// <summary>The durable rows written so far (<see cref="JournalRows"/>).</summary>
    public JournalRows Rows() => JournalRows.Count(TryScalar);

    /// <summary>Waits until the journal has stopped growing for half a second (at most 10 s): the writes that follow
    /// an answer (unit views, carrier events handed to their case) are in.</summary>
    public async Task SettledAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        var last = -1L;
        while (DateTime.UtcNow < until)
        {
            var now = Scalar("SELECT COALESCE(MAX(ordering), 0) FROM event_journal");
            if (now == last) return;
            last = now;
            await Task.Delay(500);
        }
    }

    /// <summary>PostgreSQL's durability settings as the server runs them; null on SQLite (the node sets its own
    /// connections' pragmas, which a watcher's connection does not see).</summary>
    public string? Durability()
    {
        if (_connection is not NpgsqlConnection) return null;
        string Setting(string name)
        {
            lock (_connection)
            {
                using var command = _connection.CreateCommand();
                command.CommandText = $"SELECT current_setting('{name}')";
                return $"{name}={command.ExecuteScalar()}";
            }
        }
        return string.Join(", ", Setting("fsync"), Setting("synchronous_commit"), Setting("full_page_writes"), Setting("wal_sync_method"),
            Setting("max_connections"));
    }

    /// <summary>Mean size of the case events' payloads (bytes), to compare with the limits' payload.</summary>
    public double AverageCaseEventBytes()
    {
        lock (_connection)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(AVG(LENGTH(payload)), 0) FROM event_journal WHERE persistence_id LIKE 'case-%'";
            return Convert.ToDouble(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Lag samples taken since the last <see cref="StartSampling"/>, in ms.</summary>
    public IReadOnlyList<double> Lags
    {
        get { lock (_lags) return _lags.ToList(); }
    }

    public void StartSampling()
    {
        lock (_lags) _lags.Clear();
        _sampler ??= Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var lag = LagMs();
                    lock (_lags) _lags.Add(lag);
                }
                catch (DbException) { }
                try { await Task.Delay(100, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    private double LagMs()
    {
        long offset;
        lock (_connection)
        {
            using var command = _readModel.CreateCommand();
            command.CommandText = """SELECT COALESCE((SELECT "offset" FROM projection_offsets WHERE name = 'case-summaries'), 0)""";
            offset = Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }
        var written = Scalar($"""
            SELECT COALESCE((SELECT j.{_writtenColumn} FROM event_journal j WHERE j.ordering = (
                SELECT MIN(e.ordering) FROM event_journal e WHERE e.persistence_id LIKE 'case-%' AND e.ordering > {offset})), 0)
            """);
        return written == 0 ? 0 : Math.Max(0, (DateTime.UtcNow.Ticks - written) / (double)TimeSpan.TicksPerMillisecond);
    }

    private long Scalar(string sql)
    {
        // The sampler and the caller share the connection: one query at a time.
        lock (_connection) return ScalarUnlocked(sql);
    }

    /// <summary>A count that is null when its table does not exist (or the query fails otherwise).</summary>
    private long? TryScalar(string sql)
    {
        try { return Scalar(sql); }
        catch (DbException) { return null; }
    }

    private long ScalarUnlocked(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_sampler is not null) await _sampler;
        if (_readModel != _connection) await _readModel.DisposeAsync();
        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}
