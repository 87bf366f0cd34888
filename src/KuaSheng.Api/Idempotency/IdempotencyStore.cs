using System.Data.Common;
using KuaSheng.Actors.Hosting;
using KuaSheng.Api.Infrastructure;

namespace KuaSheng.Api.Idempotency;

/// <summary>The first answer to a request, as it is replayed: status, content type, Location and the body bytes.</summary>
public sealed record StoredAnswer(int Status, string? ContentType, string? Location, byte[] Body);

/// <summary>One row of <c>api_idempotency</c>. <see cref="Answer"/> is null while the first request is in flight;
/// <see cref="Owner"/> is the node incarnation running it (<see cref="ClaimOwners"/>; null in rows of older versions).</summary>
public sealed record IdempotencyRecord(string Caller, string Key, string Method, string Path, string RequestHash,
    StoredAnswer? Answer, DateTimeOffset CreatedAt, string? Owner = null)
{
    public bool Pending => Answer is null;

    /// <summary>A row that may be removed and claimed afresh: older than the retention, or a claim whose request never
    /// finished — its owner is gone from the cluster, or (owner unknown or alive but silent) it is older than
    /// <paramref name="abandonedAfter"/>.</summary>
    public bool IsStale(DateTimeOffset now, TimeSpan retention, TimeSpan abandonedAfter, Func<string, bool>? ownerGone) =>
        CreatedAt <= now - retention
        || Pending && (CreatedAt <= now - abandonedAfter || Owner is { } owner && ownerGone?.Invoke(owner) == true);
}

/// <summary>The outcome of <see cref="IdempotencyStore.ClaimAsync"/>: either this request holds the key now
/// (<see cref="Existing"/> is null) or another request had it first.</summary>
public sealed record IdempotencyClaim(IdempotencyRecord? Existing)
{
    public bool Claimed => Existing is null;
}

/// <summary>
/// Idempotency keys and first answers, in the node's own database (the SQLite file of the journal, or PostgreSQL),
/// table <c>api_idempotency</c>, created if missing. A request claims its key by inserting a row without an answer
/// (the primary key makes the claim atomic across requests and nodes); the answer is written when the request ends,
/// or the row is deleted when the request failed in a way that should be retried.
/// Times are passed in, so expiry is decided by the caller's clock (and testable without waiting).
/// </summary>
public sealed class IdempotencyStore : IAsyncDisposable
{
    public const string Table = "api_idempotency";

    private readonly NodeTables _tables;
    private readonly TableSchema _schema;

    public IdempotencyStore(DatabaseKind database, string connectionString) : this(new NodeTables(database, connectionString))
    {
    }

    private IdempotencyStore(NodeTables tables)
    {
        _tables = tables;
        _schema = new TableSchema(Schema, tables.OpenAsync,
            (connection, tx, ct) => TableSchema.AddColumnIfMissing(connection, tx, Table, "owner", "TEXT", ct));
    }

    public static IdempotencyStore For(KuaShengOptions options) => new(NodeTables.For(options));

    /// <summary>The table as created (PostgreSQL spells the blob type BYTEA).</summary>
    public string Schema => $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            caller        TEXT    NOT NULL,
            idem_key      TEXT    NOT NULL,
            method        TEXT    NOT NULL,
            path          TEXT    NOT NULL,
            request_hash  TEXT    NOT NULL,
            status        INTEGER NULL,
            content_type  TEXT    NULL,
            location      TEXT    NULL,
            body          {(_tables.Database == DatabaseKind.PostgreSql ? "BYTEA" : "BLOB")} NULL,
            created_at_ms BIGINT  NOT NULL,
            owner         TEXT    NULL,
            PRIMARY KEY (caller, idem_key)
        );
        CREATE INDEX IF NOT EXISTS {Table}_created_at ON {Table} (created_at_ms);
        """;

    /// <summary>Write transactions committed without a sync of their own: the claims (tests and diagnostics).</summary>
    internal long UnsyncedCommits => _tables.UnsyncedCommits;

    /// <summary>Creates the table if missing. Safe to call often: after the first success it does nothing.</summary>
    public Task EnsureSchemaAsync(CancellationToken ct = default) => _schema.EnsureAsync(ct);

    /// <summary>
    /// Claims (caller, key) for a request by <paramref name="owner"/>, or returns the row that holds it. A stale row
    /// (<see cref="IdempotencyRecord.IsStale"/>) is removed and the claim taken afresh.
    /// </summary>
    public async Task<IdempotencyClaim> ClaimAsync(string caller, string key, string method, string path, string requestHash,
        DateTimeOffset now, TimeSpan retention, TimeSpan abandonedAfter, CancellationToken ct = default, string? owner = null,
        Func<string, bool>? ownerGone = null)
    {
        await EnsureSchemaAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            // Not synced on its own (SQLite): the request's own writes and its answer come later in the same file's WAL
            // and sync it with them. A claim lost to a power cut belongs to a request nothing of which reached the disk.
            var inserted = await ExecuteAsync($"""
                INSERT INTO {Table} (caller, idem_key, method, path, request_hash, created_at_ms, owner)
                VALUES (@caller, @key, @method, @path, @hash, @now, @owner)
                ON CONFLICT (caller, idem_key) DO NOTHING
                """, c =>
            {
                Add(c, "caller", caller);
                Add(c, "key", key);
                Add(c, "method", method);
                Add(c, "path", path);
                Add(c, "hash", requestHash);
                Add(c, "now", now.ToUnixTimeMilliseconds());
                c.AddParameter("owner", owner, typeof(string));
            }, ct, synced: false);
            if (inserted == 1) return new IdempotencyClaim(null);

            var existing = await FindAsync(caller, key, ct);
            if (existing is null && attempt < 3) continue; // removed in between: claim again
            if (existing is null) throw new InvalidOperationException("The idempotency claim could not be taken.");
            if (!existing.IsStale(now, retention, abandonedAfter, ownerGone) || attempt >= 3) return new IdempotencyClaim(existing);
            await DeleteAsync(caller, key, existing.CreatedAt, ct);
        }
    }

    /// <summary>Records the answer to a claimed key — only while <paramref name="owner"/> (when given) still holds the
    /// claim: a claim taken over from a node thought gone is not overwritten by that node.</summary>
    public async Task CompleteAsync(string caller, string key, StoredAnswer answer, string? owner = null, CancellationToken ct = default)
    {
        await ExecuteAsync($"""
            UPDATE {Table} SET status = @status, content_type = @contentType, location = @location, body = @body
            WHERE caller = @caller AND idem_key = @key AND status IS NULL{OwnedBy(owner)}
            """, c =>
        {
            Add(c, "caller", caller);
            if (owner is not null) Add(c, "owner", owner);
            Add(c, "key", key);
            Add(c, "status", answer.Status);
            Add(c, "contentType", answer.ContentType);
            Add(c, "location", answer.Location);
            Add(c, "body", answer.Body);
        }, ct);
    }

    /// <summary>Gives a claim up (the request failed and may be retried): deletes the row if it has no answer (and, when
    /// <paramref name="owner"/> is given, is still that owner's).</summary>
    public async Task ReleaseAsync(string caller, string key, string? owner = null, CancellationToken ct = default) =>
        await ExecuteAsync($"DELETE FROM {Table} WHERE caller = @caller AND idem_key = @key AND status IS NULL{OwnedBy(owner)}", c =>
        {
            Add(c, "caller", caller);
            Add(c, "key", key);
            if (owner is not null) Add(c, "owner", owner);
        }, ct);

    private static string OwnedBy(string? owner) => owner is null ? "" : " AND (owner IS NULL OR owner = @owner)";

    public async Task<IdempotencyRecord?> FindAsync(string caller, string key, CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT method, path, request_hash, status, content_type, location, body, created_at_ms, owner
            FROM {Table} WHERE caller = @caller AND idem_key = @key
            """;
        Add(command, "caller", caller);
        Add(command, "key", key);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        StoredAnswer? answer = reader.IsDBNull(3)
            ? null
            : new StoredAnswer(reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? [] : reader.GetFieldValue<byte[]>(6));
        return new IdempotencyRecord(caller, key, reader.GetString(0), reader.GetString(1), reader.GetString(2), answer,
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)), reader.IsDBNull(8) ? null : reader.GetString(8));
    }

    /// <summary>Deletes every row created before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        return await ExecuteAsync($"DELETE FROM {Table} WHERE created_at_ms < @cutoff",
            c => Add(c, "cutoff", cutoff.ToUnixTimeMilliseconds()), ct);
    }

    /// <summary>How many rows the table holds (for tests and operators).</summary>
    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {Table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Deletes one row, only if it is still the one seen (a fresh claim made meanwhile stays).</summary>
    private async Task DeleteAsync(string caller, string key, DateTimeOffset createdAt, CancellationToken ct) =>
        await ExecuteAsync($"DELETE FROM {Table} WHERE caller = @caller AND idem_key = @key AND created_at_ms = @created", c =>
        {
            Add(c, "caller", caller);
            Add(c, "key", key);
            Add(c, "created", createdAt.ToUnixTimeMilliseconds());
        }, ct);

    private Task<DbConnection> OpenAsync(CancellationToken ct) => _tables.OpenAsync(ct);

    private Task<int> ExecuteAsync(string sql, Action<DbCommand> parameters, CancellationToken ct, bool synced = true) =>
        _tables.ExecuteAsync(sql, parameters, ct, synced);

    private static void Add(DbCommand command, string name, object? value) =>
        command.AddParameter(name, value);

    public ValueTask DisposeAsync() => _tables.DisposeAsync();
}
