using KuaSheng.Actors.Hosting;
using KuaSheng.Api.Infrastructure;

namespace KuaSheng.Api.Public;

/// <summary>
/// Wrong query codes per case, table <c>public_code_failures</c> in the node's own database: one row per wrong code
/// (case id, when), nothing else — never the code tried, never the caller.
/// </summary>
/// <remarks>
/// Why here and not in the case entity or in memory: several nodes answer public requests, so the count must be one
/// for the whole cluster. Every node of a cluster shares its PostgreSQL database (a single node has its SQLite file), so
/// a row written by one node is counted by all, and it survives restarts and passivation. The case entity is also a
/// cluster-wide single writer, but it would persist a guesser's every try into the case's journal and timeline and be
/// woken for every guess (today a wrong code never reaches it); an entity's memory alone is lost whenever it passivates
/// (two idle minutes), which a patient guesser can wait for. Rows are appended, never updated: counting needs no lock
/// and no compare-and-swap, and concurrent wrong codes on several nodes are all counted. A right code only reads, so
/// of any burst of tries only those the database orders before the tenth failure can succeed
/// (<see cref="Domain.Public.QueryCodeLockout"/>).
/// </remarks>
public sealed class QueryCodeFailures : IAsyncDisposable
{
    public const string Table = "public_code_failures";

    private readonly NodeTables _tables;
    private readonly TableSchema _schema;

    public QueryCodeFailures(NodeTables tables)
    {
        _tables = tables;
        _schema = new TableSchema($"""
            CREATE TABLE IF NOT EXISTS {Table} (
                case_id      TEXT   NOT NULL,
                failed_at_ms BIGINT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS {Table}_case ON {Table} (case_id, failed_at_ms);
            CREATE INDEX IF NOT EXISTS {Table}_failed_at ON {Table} (failed_at_ms);
            """, tables.OpenAsync);
    }

    public static QueryCodeFailures For(KuaShengOptions options) => new(NodeTables.For(options));

    /// <summary>The case's most recent failures after <paramref name="since"/>, newest first, at most
    /// <paramref name="limit"/> (the lockout rule needs no more).</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> RecentAsync(string caseId, DateTimeOffset since, int limit, CancellationToken ct)
    {
        await _schema.EnsureAsync(ct);
        await using var connection = await _tables.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT failed_at_ms FROM {Table} WHERE case_id = @case AND failed_at_ms > @since ORDER BY failed_at_ms DESC LIMIT @limit";
        command.AddParameter("case", caseId);
        command.AddParameter("since", since.ToUnixTimeMilliseconds());
        command.AddParameter("limit", limit);
        var failures = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) failures.Add(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)));
        return failures;
    }

    /// <summary>Records a wrong code for the case at <paramref name="at"/>.</summary>
    public async Task RecordAsync(string caseId, DateTimeOffset at, CancellationToken ct)
    {
        await _schema.EnsureAsync(ct);
        await _tables.ExecuteAsync($"INSERT INTO {Table} (case_id, failed_at_ms) VALUES (@case, @at)", c =>
        {
            c.AddParameter("case", caseId);
            c.AddParameter("at", at.ToUnixTimeMilliseconds());
        }, ct);
    }

    /// <summary>Deletes the failures at or before <paramref name="cutoff"/> (out of every window); returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await _schema.EnsureAsync(ct);
        return await _tables.ExecuteAsync($"DELETE FROM {Table} WHERE failed_at_ms <= @cutoff",
            c => c.AddParameter("cutoff", cutoff.ToUnixTimeMilliseconds()), ct);
    }

    public ValueTask DisposeAsync() => _tables.DisposeAsync();
}
