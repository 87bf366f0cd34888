using System.Diagnostics.Metrics;
using KuaSheng.Actors.Hosting;
using KuaSheng.Api.Audit;
using KuaSheng.Api.Infrastructure;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Api.Tests;

/// <summary>The audit table on each database: records from two nodes (two stores on one database) are one trail, the
/// filters and the cursor work; and the queue never loses a record silently.</summary>
public abstract class AuditTrailStoreContract : IAsyncLifetime
{
    private readonly List<AuditTrail> _stores = [];

    protected abstract KuaShengOptions Options();

    private AuditTrail NewStore()
    {
        var store = AuditTrail.For(Options());
        _stores.Add(store);
        return store;
    }

    private static AuditEntry Entry(string subject, DateTimeOffset at, int status = 202) =>
        new(at, subject, "operator", null, "PostAdminClusterDownUnreachable", null, "127.0.0.1", status, null);

    protected async Task Two_nodes_write_one_trail_read_newest_first_by_subject_time_and_cursor()
    {
        var one = NewStore();
        var other = NewStore();
        var subject = "op-" + Guid.NewGuid().ToString("N")[..8];
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-10);
        await one.AppendAsync([Entry(subject, t0), Entry(subject, t0.AddSeconds(1))], default);
        await other.AppendAsync([Entry(subject, t0.AddSeconds(2)), Entry(subject, t0.AddSeconds(2)), Entry("someone-else", t0.AddSeconds(3))], default);

        var all = await other.QueryAsync(new AuditQuery(t0, t0.AddMinutes(1), subject, 10, null), default);
        Assert.Equal(4, all.Items.Count);
        Assert.Null(all.Next);
        Assert.Equal(all.Items.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Select(r => r.Id), all.Items.Select(r => r.Id));

        var pages = new List<long>();
        AuditCursor? cursor = null;
        do
        {
            var page = await one.QueryAsync(new AuditQuery(t0, t0.AddMinutes(1), subject, 1, cursor), default);
            pages.AddRange(page.Items.Select(r => r.Id));
            cursor = AuditCursor.Decode(page.Next);
        } while (cursor is not null);
        Assert.Equal(all.Items.Select(r => r.Id), pages); // the two records of the same millisecond included, once each

        var late = await one.QueryAsync(new AuditQuery(t0.AddSeconds(2), t0.AddMinutes(1), subject, 10, null), default);
        Assert.Equal(2, late.Items.Count);
        var early = await one.QueryAsync(new AuditQuery(t0, t0.AddSeconds(1), subject, 10, null), default);
        Assert.Single(early.Items);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
    }
}

public sealed class AuditTrailSqliteTests : AuditTrailStoreContract
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-audit-" + Guid.NewGuid().ToString("N"));

    protected override KuaShengOptions Options() => new() { DataDir = _dir };

    [Fact]
    public Task Two_nodes_write_one_trail_on_SQLite() => Two_nodes_write_one_trail_read_newest_first_by_subject_time_and_cursor();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_record_the_database_refuses_is_logged_at_error_and_counted_never_dropped_silently()
    {
        long lost = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AuditMetrics.MeterName && instrument.Name == "kuasheng.audit.failures") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "reason", Value: "write-failed" }) Interlocked.Add(ref lost, value);
        });
        listener.Start();
        // A PostgreSQL nobody listens on: every write fails at once.
        var nowhere = new NodeTables(DatabaseKind.PostgreSql, $"Host=127.0.0.1;Port={ApiNode.FreePort()};Database=none;Username=none;Timeout=1");
        await using var trail = new AuditTrail(nowhere, "test");
        var log = new CapturingLogger();
        var queue = new AuditQueue(trail, log);
        await queue.StartAsync(default);
        await queue.RecordAsync(new AuditEntry(DateTimeOffset.UtcNow, "op-lost", "operator", null, "PostUnits", "tz-bureau", "127.0.0.1", 201, null));
        await queue.StopAsync(default); // writes out what is queued (three tries) before it returns
        Assert.True(Interlocked.Read(ref lost) == 1, $"lost {lost}; errors: {string.Join(" / ", log.Errors)}; writer {queue.Writer?.Status}");
        var error = Assert.Single(log.Errors);
        Assert.Contains("PostUnits", error);
        Assert.Contains("tz-bureau", error);
        Assert.Contains("op-lost", error);
    }

    private sealed class CapturingLogger : ILogger<AuditQueue>
    {
        public List<string> Errors { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Error) lock (Errors) Errors.Add(formatter(state, exception));
        }
    }
}

public sealed class AuditTrailPostgresTests : AuditTrailStoreContract
{
    protected override KuaShengOptions Options() =>
        new() { Database = DatabaseKind.PostgreSql, ConnectionString = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable) };

    [PostgresFact]
    public Task Two_nodes_write_one_trail_on_PostgreSQL() => Two_nodes_write_one_trail_read_newest_first_by_subject_time_and_cursor();
}
