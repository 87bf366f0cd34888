using System.Data.Common;
using Akka.Persistence.Query;
using KuaSheng.Actors.Hosting;

namespace KuaSheng.Actors.ReadModel;

/// <summary>
/// What every projection's store shares: its tables (created once), its offset and the version of the code that
/// wrote its tables (<see cref="ProjectionOffsets"/>), the backlog count, a reset, and a batch that commits together
/// with its offset. A store adds its tables' DDL, what a batch writes, and its queries.
/// Its tables may live in another database than the journal it follows (on SQLite, a file of their own:
/// <see cref="KuaShengOptions.SqliteReadModelConnectionString"/>); the backlog count and the tag index go to the journal's.
/// </summary>
public abstract class ProjectionStore : IProjection
{
    private readonly TableSchema _schema;

    /// <param name="connectionString">The database of the store's tables.</param>
    /// <param name="journalConnectionString">The journal's database, when it is another one.</param>
    protected ProjectionStore(DatabaseKind database, string connectionString, string schema, string? journalConnectionString)
    {
        Database = database;
        ConnectionString = connectionString;
        JournalConnectionString = journalConnectionString ?? connectionString;
        _schema = new TableSchema(schema, OpenAsync);
    }

    protected DatabaseKind Database { get; }
    protected string ConnectionString { get; }
    private string JournalConnectionString { get; }

    public abstract string Name { get; }
    public abstract JournalStream Stream { get; }

    /// <summary>The version of what the store writes (see <see cref="ProjectionOffsets.LoadAsync"/>).</summary>
    protected abstract int TablesVersion { get; }

    /// <summary>Statements that empty the store's tables (not the offset).</summary>
    protected abstract string DeleteAllRows { get; }

    public abstract Task<int> ApplyAsync(IReadOnlyList<EventEnvelope> batch, long offset, DateTimeOffset now, CancellationToken ct = default);

    public Task EnsureSchemaAsync(CancellationToken ct = default) => _schema.EnsureAsync(ct);

    public async Task<StoredOffset> LoadOffsetAsync(CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        StoredOffset stored;
        await using (var connection = await OpenAsync(ct))
            stored = await ProjectionOffsets.LoadAsync(connection, Name, TablesVersion, ct);
        if (stored.Offset == 0 || stored.Outdated) return stored;
        await using var journal = await OpenJournalAsync(ct);
        var end = await ProjectionOffsets.JournalEndAsync(journal, ct);
        // Tables ahead of the journal: the journal was restored from a backup older than the read model, or both files
        // lost their last commits to a power cut with synchronous=NORMAL and the read model kept more. Orderings after
        // the journal's end will be given to new events, which an offset beyond it would pass over: project again.
        return stored.Offset > end ? stored with { Outdated = true, AheadOfJournal = true } : stored;
    }

    public async Task ResetAsync(CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        await using var connection = await OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(tx, DeleteAllRows, _ => { }, ct);
        await ProjectionOffsets.DeleteAsync(connection, tx, Name, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<long> CountEventsAfterAsync(long offset, CancellationToken ct = default)
    {
        await using var connection = await OpenJournalAsync(ct);
        return await Stream.CountAfterAsync(connection, offset, ProjectionOffsets.BacklogCountCap, ct);
    }

    protected Task<DbConnection> OpenAsync(CancellationToken ct) => NodeDatabase.OpenAsync(Database, ConnectionString, ct);

    private Task<DbConnection> OpenJournalAsync(CancellationToken ct) => NodeDatabase.OpenAsync(Database, JournalConnectionString, ct);

    /// <summary>A connection and transaction for one batch (tables and the journal's tag index in place).</summary>
    protected async Task<(DbConnection Connection, DbTransaction Transaction)> BeginBatchAsync(CancellationToken ct)
    {
        await EnsureSchemaAsync(ct);
        if (!JournalTagIndex.IsReady(JournalConnectionString))
        {
            await using var journal = await OpenJournalAsync(ct);
            await JournalTagIndex.EnsureAsync(journal, JournalConnectionString, ct);
        }
        var connection = await OpenAsync(ct);
        try
        {
            return (connection, await connection.BeginTransactionAsync(ct));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stores the batch's offset and commits it with what the batch wrote.</summary>
    protected async Task CommitBatchAsync(DbConnection connection, DbTransaction tx, long offset, DateTimeOffset now, CancellationToken ct)
    {
        await ProjectionOffsets.SaveAsync(connection, tx, Name, TablesVersion, offset, now, ct);
        await tx.CommitAsync(ct);
    }
}
