using System.Data.Common;
using System.Globalization;
using Akka.Persistence.Query;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Tickets;
using KuaSheng.Domain;
using KuaSheng.Domain.Ledger;

namespace KuaSheng.Actors.ReadModel;

/// <summary>
/// The ticket read model (咨询投诉建议) for the ledger and supervisors: one row per ticket in <c>ticket_summaries</c>,
/// without the text or the contact (personal data stays in the ticket's journal). Times as Unix milliseconds, the
/// reply deadline as <c>yyyy-MM-dd</c>. Every statement is guarded by the ticket's <c>version</c> (the sequence number
/// of the last event applied), so a re-delivered event changes nothing; a batch and the offset commit together.
/// </summary>
public sealed class TicketReadModelStore : ProjectionStore
{
    public const string ProjectionName = "ticket-summaries";

    /// <summary>Raise when what the projection writes changes (see <see cref="CaseReadModelStore.Version"/>).</summary>
    public const int Version = 1;


    /// <param name="journalConnectionString">The journal's database when the tables live in another
    /// (<see cref="For"/>).</param>
    public TicketReadModelStore(DatabaseKind database, string connectionString, string? journalConnectionString = null)
        : base(database, connectionString, Schema, journalConnectionString)
    {
    }

    public static TicketReadModelStore For(KuaShengOptions options) => options.Database == DatabaseKind.PostgreSql
        ? new TicketReadModelStore(DatabaseKind.PostgreSql,
            options.ConnectionString ?? throw new InvalidOperationException("KuaSheng:ConnectionString is required for PostgreSQL."))
        : new TicketReadModelStore(DatabaseKind.Sqlite, options.SqliteReadModelConnectionString(), options.SqliteConnectionString());

    public override string Name => ProjectionName;
    public override JournalStream Stream { get; } = new JournalStream.Tagged(ReadModelTagger.TicketTag);
    protected override int TablesVersion => Version;
    protected override string DeleteAllRows => "DELETE FROM ticket_summaries";

    public static string Schema => """
        CREATE TABLE IF NOT EXISTS ticket_summaries (
            ticket_id           TEXT    NOT NULL PRIMARY KEY,
            kind                TEXT    NOT NULL,
            case_id             TEXT    NULL,
            unit_id             TEXT    NOT NULL,
            status              TEXT    NOT NULL,
            opened_at           BIGINT  NOT NULL,
            reply_due           TEXT    NOT NULL,
            first_reply_at      BIGINT  NULL,
            first_reply_on_time INTEGER NULL,
            replies             INTEGER NOT NULL,
            closed_at           BIGINT  NULL,
            version             BIGINT  NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ticket_summaries_unit ON ticket_summaries (unit_id, opened_at);
        """ + ProjectionOffsets.Schema;

    public override async Task<int> ApplyAsync(IReadOnlyList<EventEnvelope> batch, long offset, DateTimeOffset now, CancellationToken ct = default)
    {
        var opened = await BeginBatchAsync(ct);
        await using var connection = opened.Connection;
        await using var tx = opened.Transaction;
        var applied = 0;
        foreach (var envelope in batch)
        {
            var ticketId = TicketIdOf(envelope.PersistenceId);
            applied += envelope.Event switch
            {
                TicketOpenedEntry { Event: var e } => await ExecuteAsync(connection, tx, """
                    INSERT INTO ticket_summaries (ticket_id, kind, case_id, unit_id, status, opened_at, reply_due, replies, version)
                    VALUES (@id, @kind, @case, @unit, 'open', @at, @due, 0, @seq)
                    ON CONFLICT (ticket_id) DO NOTHING
                    """, c =>
                {
                    c.AddParameter("kind", e.Kind.ToKebab());
                    c.AddParameter("case", e.CaseId, typeof(string));
                    c.AddParameter("unit", e.UnitId);
                    c.AddParameter("at", e.OpenedAt.ToUnixTimeMilliseconds());
                    c.AddParameter("due", e.ReplyDue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }, ticketId, envelope.SequenceNr, ct),
                // The first reply meets (or misses) the deadline; later ones only count.
                TicketRepliedEntry { Event: var e } => await ExecuteAsync(connection, tx, """
                    UPDATE ticket_summaries SET
                        status = CASE WHEN status = 'closed' THEN status ELSE 'answered' END,
                        first_reply_at = COALESCE(first_reply_at, @at),
                        first_reply_on_time = COALESCE(first_reply_on_time, @onTime),
                        replies = replies + 1, version = @seq
                    WHERE ticket_id = @id AND version < @seq
                    """, c =>
                {
                    c.AddParameter("at", e.At.ToUnixTimeMilliseconds());
                    c.AddParameter("onTime", e.OnTime ? 1 : 0);
                }, ticketId, envelope.SequenceNr, ct),
                TicketClosedEntry { Event: var e } => await ExecuteAsync(connection, tx, """
                    UPDATE ticket_summaries SET status = 'closed', closed_at = @at, version = @seq
                    WHERE ticket_id = @id AND version < @seq
                    """, c => c.AddParameter("at", e.At.ToUnixTimeMilliseconds()), ticketId, envelope.SequenceNr, ct),
                _ => 0,
            };
        }
        await CommitBatchAsync(connection, tx, offset, now, ct);
        return applied;
    }

    /// <summary>The tickets of a ledger month (台账) per unit: opened in the month, and answered (first reply) in the
    /// month; of one unit or all. Tickets carry no item: they count in the unit's row without an item.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> LedgerEntriesAsync(LedgerMonth month, string? unitId, CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        await using var connection = await OpenAsync(ct);
        var entries = new List<LedgerEntry>();
        foreach (var (column, counts) in new (string, Func<long, LedgerCounts>)[]
                 {
                     ("opened_at", n => new LedgerCounts { TicketsOpened = n }),
                     ("first_reply_at", n => new LedgerCounts { TicketsAnswered = n }),
                 })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT unit_id, COUNT(*) FROM ticket_summaries WHERE {column} >= @from AND {column} < @to" +
                                  (unitId is null ? "" : " AND unit_id = @unit") + " GROUP BY unit_id";
            command.AddParameter("from", month.Start.ToUnixTimeMilliseconds());
            command.AddParameter("to", month.End.ToUnixTimeMilliseconds());
            if (unitId is not null) command.AddParameter("unit", unitId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) entries.Add(new LedgerEntry(reader.GetString(0), null, null, counts(reader.GetInt64(1))));
        }
        return entries;
    }

    /// <summary>Every row in a fixed order, as text (for comparing a rebuild with the incremental run).</summary>
    public async Task<IReadOnlyList<string>> DumpAsync(CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT ticket_id, kind, case_id, unit_id, status, opened_at, reply_due, first_reply_at, first_reply_on_time, replies, closed_at, version
            FROM ticket_summaries ORDER BY ticket_id
            """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var lines = new List<string>();
        while (await reader.ReadAsync(ct))
            lines.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        return lines;
    }

    private static string TicketIdOf(string persistenceId) =>
        persistenceId.StartsWith("ticket-", StringComparison.Ordinal) ? persistenceId["ticket-".Length..] : persistenceId;


    /// <summary>Runs one statement of the batch; <c>@id</c> and <c>@seq</c> are the ticket's id and the event's
    /// sequence number. Returns the rows changed.</summary>
    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction tx, string sql, Action<DbCommand> parameters,
        string? ticketId, long sequenceNr, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        if (ticketId is not null)
        {
            command.AddParameter("id", ticketId);
            command.AddParameter("seq", sequenceNr);
        }
        parameters(command);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
