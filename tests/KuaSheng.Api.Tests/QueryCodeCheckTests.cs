using System.Text;
using KuaSheng.Actors.Hosting;
using KuaSheng.Api.Public;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Api.Tests;

/// <summary>Log lines as a test reads them: level and rendered message.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, string Message)> Lines { get; } = [];
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Lines) Lines.Add((logLevel, formatter(state, exception)));
    }
}

/// <summary>The query-code check on its own, with the failure records in a database shared by two "nodes" (two checks,
/// two stores on one SQLite file; on PostgreSQL too when KUASHENG_TEST_PG is set) and a clock moved by hand.</summary>
public abstract class QueryCodeCheckContract : IAsyncLifetime
{
    private const string CaseId = "0123456789abcdef";
    private const string Number = "QJKS20261201-0123456789ABCDEF";
    private static readonly byte[] Current = Encoding.UTF8.GetBytes(new string('c', 40));
    private static readonly byte[] Previous = Encoding.UTF8.GetBytes(new string('p', 40));

    private readonly ManualTime _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly QueryCodes _codes = new([Current, Previous]);
    private readonly List<QueryCodeFailures> _stores = [];

    protected abstract QueryCodeFailures NewStore();

    private (QueryCodeCheck Check, ListLogger<QueryCodeCheck> Log) Node()
    {
        var store = NewStore();
        _stores.Add(store);
        var log = new ListLogger<QueryCodeCheck>();
        return (new QueryCodeCheck(_codes, store, new QueryCodeSettings(), _time, log), log);
    }

    private static string Wrong(string right, int n) => ((int.Parse(right) + 1 + n) % 1_000_000).ToString("D6");

    [Fact]
    public async Task Ten_wrong_codes_on_two_nodes_lock_the_case_on_both_for_an_hour_and_the_lock_is_logged_once_without_a_code()
    {
        var (a, logA) = Node();
        var (b, logB) = Node();
        var right = _codes.Issue(CaseId);
        Assert.Equal(QueryCodeOutcome.Admitted, (await a.CheckAsync(CaseId, Number, right, default)).Outcome);
        var tried = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var code = Wrong(right, i);
            tried.Add(code);
            Assert.Equal(QueryCodeOutcome.Wrong, (await (i % 2 == 0 ? a : b).CheckAsync(CaseId, Number, code, default)).Outcome);
            _time.Now += TimeSpan.FromMinutes(1);
        }
        foreach (var node in new[] { a, b })
        {
            var locked = await node.CheckAsync(CaseId, Number, right, default);
            Assert.Equal(QueryCodeOutcome.Locked, locked.Outcome);
            Assert.Equal(TimeSpan.FromMinutes(50), locked.RetryAfter); // the first failure is an hour old then
        }
        var warnings = logA.Lines.Concat(logB.Lines).Where(l => l.Level == LogLevel.Warning).ToList();
        var line = Assert.Single(warnings).Message;
        Assert.Contains(Number, line);
        Assert.DoesNotContain(right, line);
        Assert.All(tried, code => Assert.DoesNotContain(code, line));

        _time.Now += TimeSpan.FromMinutes(50);
        Assert.Equal(QueryCodeOutcome.Admitted, (await b.CheckAsync(CaseId, Number, right, default)).Outcome);
    }

    [Fact]
    public async Task A_code_of_the_previous_secret_checks_and_new_codes_come_from_the_current_one()
    {
        var (check, _) = Node();
        var before = new QueryCodes([Previous]).Issue(CaseId);
        Assert.Equal(QueryCodeOutcome.Admitted, (await check.CheckAsync(CaseId, Number, before, default)).Outcome);
        Assert.Equal(new QueryCodes([Current]).Issue(CaseId), _codes.Issue(CaseId));
        Assert.NotEqual(before, _codes.Issue(CaseId));
        Assert.False(new QueryCodes([Current]).Matches(CaseId, before)); // without the previous secret it no longer checks
    }

    [Fact]
    public async Task A_missing_or_malformed_code_counts_as_a_wrong_one()
    {
        var (check, _) = Node();
        foreach (var code in new string?[] { null, "", "12345", "1234567", "abcdef", "１２３４５６" })
            Assert.Equal(QueryCodeOutcome.Wrong, (await check.CheckAsync(CaseId, Number, code, default)).Outcome);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
    }
}

public sealed class QueryCodeCheckSqliteTests : QueryCodeCheckContract
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-codes-" + Guid.NewGuid().ToString("N"));

    protected override QueryCodeFailures NewStore() => QueryCodeFailures.For(new KuaShengOptions { DataDir = _dir });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

public sealed class QueryCodeCheckPostgresTests
{
    [PostgresFact]
    public async Task Failures_recorded_by_one_node_lock_the_case_for_another_on_PostgreSQL()
    {
        var options = new KuaShengOptions { Database = DatabaseKind.PostgreSql, ConnectionString = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable) };
        await using var one = QueryCodeFailures.For(options);
        await using var other = QueryCodeFailures.For(options);
        var caseId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 8));
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 10; i++) await (i % 2 == 0 ? one : other).RecordAsync(caseId, now.AddSeconds(-i), default);
        var recent = await other.RecentAsync(caseId, now.AddHours(-1), 10, default);
        Assert.Equal(10, recent.Count);
        Assert.NotNull(Domain.Public.QueryCodeLockout.Default.LockedUntil(recent, now));
        Assert.True(await one.PurgeAsync(now, default) >= 10);
    }
}
