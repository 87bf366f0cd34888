using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Persistence.Query;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Hosting;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Ledger;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Actors.ReadModel;

/// <summary>What case search asks for; null means "any". <see cref="Units"/>: only cases involving one of these units
/// (the caller's scope); <see cref="SubmittedFrom"/> inclusive, <see cref="SubmittedBefore"/> exclusive.</summary>
public sealed record CaseSearch(
    IReadOnlyCollection<string>? Units = null,
    string? Status = null,
    string? ItemCode = null,
    DateTimeOffset? SubmittedFrom = null,
    DateTimeOffset? SubmittedBefore = null,
    bool? Overdue = null,
    int Page = 1,
    int PageSize = 20);

/// <summary>A row of <c>case_summaries</c> as case search returns it.</summary>
public sealed record CaseSummaryRow(
    string CaseId,
    string CaseNumber,
    string ItemCode,
    int ItemVersion,
    string Mode,
    string Channel,
    string? ReceivingUnitId,
    string Status,
    string? Outcome,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? CompletedAt,
    bool Overdue,
    DateTimeOffset LastEventAt,
    long Version);

public sealed record CaseSearchResult(IReadOnlyList<CaseSummaryRow> Items, long Total);

/// <summary>Where the projection stands: the offset (journal ordering) of the last projected event and when it was
/// projected.</summary>
/// <param name="Outdated">Rebuild the tables: they were written by another version of the projection's code, or
/// (<paramref name="AheadOfJournal"/>) the offset is past the journal's last event.</param>
public sealed record StoredOffset(long Offset, DateTimeOffset? UpdatedAt, bool Outdated = false, bool AheadOfJournal = false);

/// <summary>
/// The case read model in the node's own database (on SQLite a file of its own beside the journal's, on PostgreSQL the
/// journal's database), plain ADO.NET like the idempotency store. Tables, created if missing:
/// <list type="bullet">
/// <item><c>case_summaries</c>: one row per case (<see cref="CaseSummary"/>), times as Unix milliseconds, enums
/// kebab-case; <c>version</c> is the sequence number of the last journal row applied (a command's events are one row;
/// older journals hold one row per event), so a re-delivered row is ignored;
/// <c>status_before_suspension</c> and <c>legs</c> (JSON: leg id, unit id, status; no personal data) are the fold's
/// own state.</item>
/// <item><c>case_units</c>: (case, unit) for every unit involved, for scoping and the unit filter.</item>
/// <item><c>case_legs</c>, <c>case_deadlines</c>, <c>case_mailings</c> (<see cref="CaseDetailTables"/>): worklists,
/// overdue lists, and the rest of the fold's state.</item>
/// <item><c>case_ledger_facts</c> (<see cref="LedgerFactTable"/>): what each event counts for the monthly ledger.</item>
/// <item><c>projection_offsets</c>: per projection, the offset of the last event projected.</item>
/// </list>
/// A batch of events is applied in ONE transaction together with the new offset: after a crash the projection
/// resumes from the offset of the last committed batch, and nothing is skipped or counted twice.
/// </summary>
public sealed class CaseReadModelStore : ProjectionStore
{
    public const string ProjectionName = "case-summaries";

    /// <summary>Raise when what the projection writes changes: a node finding tables of another version rebuilds them.
    /// 2: ledger facts, legs, deadlines and mailings.</summary>
    public const int Version = 2;

    public override string Name => ProjectionName;
    /// <summary>Case events by persistence id, not by tag: untagged, a command's events are one multi-row insert.</summary>
    public override JournalStream Stream { get; } = new JournalStream.Entities(CaseActor.PersistenceIdPrefix);
    protected override int TablesVersion => Version;
    protected override string DeleteAllRows => "DELETE FROM case_summaries; DELETE FROM case_units; " + CaseDetailTables.DeleteAll + LedgerFactTable.DeleteAll;

    private static readonly JsonSerializerOptions LegJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };


    /// <param name="journalConnectionString">The journal's database when the tables live in another
    /// (<see cref="For"/>).</param>
    public CaseReadModelStore(DatabaseKind database, string connectionString, string? journalConnectionString = null)
        : base(database, connectionString, Schema, journalConnectionString)
    {
    }

    public static CaseReadModelStore For(KuaShengOptions options) => options.Database == DatabaseKind.PostgreSql
        ? new CaseReadModelStore(DatabaseKind.PostgreSql,
            options.ConnectionString ?? throw new InvalidOperationException("KuaSheng:ConnectionString is required for PostgreSQL."))
        : new CaseReadModelStore(DatabaseKind.Sqlite, options.SqliteReadModelConnectionString(), options.SqliteConnectionString());

    public static string Schema => """
        CREATE TABLE IF NOT EXISTS case_summaries (
            case_id                  TEXT    NOT NULL PRIMARY KEY,
            case_number              TEXT    NOT NULL,
            item_code                TEXT    NOT NULL,
            item_version             INTEGER NOT NULL,
            mode                     TEXT    NOT NULL,
            channel                  TEXT    NOT NULL,
            receiving_unit_id        TEXT    NULL,
            status                   TEXT    NOT NULL,
            outcome                  TEXT    NULL,
            submitted_at             BIGINT  NOT NULL,
            decided_at               BIGINT  NULL,
            completed_at             BIGINT  NULL,
            overdue                  INTEGER NOT NULL,
            last_event_at            BIGINT  NOT NULL,
            version                  BIGINT  NOT NULL,
            status_before_suspension TEXT    NULL,
            legs                     TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS case_summaries_submitted_at ON case_summaries (submitted_at);
        CREATE INDEX IF NOT EXISTS case_summaries_status ON case_summaries (status, submitted_at);
        CREATE TABLE IF NOT EXISTS case_units (
            case_id TEXT NOT NULL,
            unit_id TEXT NOT NULL,
            PRIMARY KEY (case_id, unit_id)
        );
        CREATE INDEX IF NOT EXISTS case_units_unit ON case_units (unit_id, case_id);
        """ + ProjectionOffsets.Schema + CaseDetailTables.Schema + LedgerFactTable.Schema;

    /// <summary>
    /// Applies a batch of case journal rows (each with one command's events, or one event) in order and stores
    /// <paramref name="offset"/> as the projection's offset, in one transaction. A row whose sequence number is not above
    /// the stored version of its case was applied before and is skipped. Returns how many events changed a row.
    /// </summary>
    public override async Task<int> ApplyAsync(IReadOnlyList<EventEnvelope> batch, long offset, DateTimeOffset now, CancellationToken ct = default)
    {
        var opened = await BeginBatchAsync(ct);
        await using var connection = opened.Connection;
        await using var tx = opened.Transaction;
        // Every case of the batch read at once (a round trip per case capped the projection on PostgreSQL).
        var rowsRead = batch.Select(e => (Envelope: e, Events: CaseJournalEntries.Of(e))).Where(r => r.Events.Count > 0)
            .Select(r => (r.Envelope, r.Events, CaseId: CaseJournalEntries.CaseIdOf(r.Envelope, r.Events))).ToList();
        var loaded = await LoadAsync(connection, tx, rowsRead.Select(r => r.CaseId).Distinct(StringComparer.Ordinal).ToList(), ct);
        var rows = new Dictionary<string, (CaseSummary Summary, long Version)?>(StringComparer.Ordinal);
        var stored = new Dictionary<string, CaseSummary?>(StringComparer.Ordinal);
        var facts = new List<(string CaseId, long Seq, LedgerFact Fact)>();
        var applied = 0;
        foreach (var (envelope, events, caseId) in rowsRead)
        {
            if (!rows.TryGetValue(caseId, out var current))
            {
                current = rows[caseId] = loaded.TryGetValue(caseId, out var row) ? row : null;
                stored[caseId] = current?.Summary;
            }
            if (current is { } known && envelope.SequenceNr <= known.Version) continue;
            foreach (var (@event, position) in events)
            {
                CaseSummary next;
                if (@event is CaseSubmitted s) next = CaseSummary.Start(s);
                else if (current is { } c) next = c.Summary.Apply(@event);
                else continue; // an event without its submission cannot be placed; it cannot happen with one journal
                facts.AddRange(LedgerFacts.From(current?.Summary, @event, next).Select(f => (caseId, position, f)));
                current = rows[caseId] = (next, envelope.SequenceNr);
                applied++;
            }
        }
        var writes = new StatementBatch(connection, tx);
        foreach (var (_, row) in rows)
            if (row is { } r) Upsert(writes, r.Summary, r.Version);
        foreach (var (caseId, before) in stored)
            if (rows[caseId] is { } r && !ReferenceEquals(r.Summary, before))
                CaseDetailRows.Write(writes, before, r.Summary);
        foreach (var (caseId, seq, fact) in facts)
            LedgerFactTable.Insert(writes, caseId, seq, fact);
        await writes.FlushAsync(ct);
        await CommitBatchAsync(connection, tx, offset, now, ct);
        return applied;
    }

    public async Task<CaseSearchResult> SearchAsync(CaseSearch search, CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        var (where, parameters) = Filter(search);
        if (where is null) return new CaseSearchResult([], 0);
        await using var connection = await OpenAsync(ct);
        long total;
        await using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT COUNT(*) FROM case_summaries s" + where;
            foreach (var (name, value) in parameters) Add(count, name, value);
            total = Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM case_summaries s{where} ORDER BY s.submitted_at DESC, s.case_id LIMIT @limit OFFSET @skip";
        foreach (var (name, value) in parameters) Add(command, name, value);
        Add(command, "limit", search.PageSize);
        Add(command, "skip", (long)(search.Page - 1) * search.PageSize);
        var items = new List<CaseSummaryRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) items.Add(ReadRow(reader));
        return new CaseSearchResult(items, total);
    }

    /// <summary>Every case the search's filters match (its page and page size aside), newest first, read by one statement
    /// (one snapshot of the table: no row twice or missed while cases arrive), one row at a time: an export of any size.</summary>
    public async IAsyncEnumerable<CaseSummaryRow> SearchAllAsync(CaseSearch search, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        var (where, parameters) = Filter(search);
        if (where is null) yield break;
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM case_summaries s{where} ORDER BY s.submitted_at DESC, s.case_id";
        foreach (var (name, value) in parameters) Add(command, name, value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return ReadRow(reader);
    }

    /// <summary>The search's filters as a WHERE clause with its parameters; null when no case can match (no units).</summary>
    private static (string? Where, List<(string Name, object Value)> Parameters) Filter(CaseSearch search)
    {
        var where = new StringBuilder(" WHERE 1 = 1");
        var parameters = new List<(string, object)>();
        if (search.Units is { } units)
        {
            if (units.Count == 0) return (null, parameters);
            var names = units.Select((u, i) => { parameters.Add(($"u{i}", u)); return "@u" + i; });
            where.Append($" AND s.case_id IN (SELECT cu.case_id FROM case_units cu WHERE cu.unit_id IN ({string.Join(", ", names)}))");
        }
        if (search.Status is { } status) { where.Append(" AND s.status = @status"); parameters.Add(("status", status)); }
        if (search.ItemCode is { } item) { where.Append(" AND s.item_code = @item"); parameters.Add(("item", item)); }
        if (search.SubmittedFrom is { } from) { where.Append(" AND s.submitted_at >= @from"); parameters.Add(("from", from.ToUnixTimeMilliseconds())); }
        if (search.SubmittedBefore is { } to) { where.Append(" AND s.submitted_at < @to"); parameters.Add(("to", to.ToUnixTimeMilliseconds())); }
        if (search.Overdue is { } overdue) { where.Append(" AND s.overdue = @overdue"); parameters.Add(("overdue", overdue ? 1 : 0)); }
        return (where.ToString(), parameters);
    }

    /// <summary>工作清单 from the read model: the unit's open legs (forwarded or accepted) and the open deadlines it keeps.</summary>
    public async Task<(IReadOnlyList<OpenLegRow> Legs, IReadOnlyList<OpenDeadlineRow> Deadlines)> WorklistAsync(string unitId, CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        await using var connection = await OpenAsync(ct);
        return (await CaseDetailTables.OpenLegsAsync(connection, unitId, ct), await CaseDetailTables.OpenDeadlinesAsync(connection, unitId, null, ct));
    }

    /// <summary>超期: open deadlines due before <paramref name="today"/> or already marked missed, of one unit or all.</summary>
    public async Task<IReadOnlyList<OpenDeadlineRow>> OverdueAsync(string? unitId, DateOnly today, CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        await using var connection = await OpenAsync(ct);
        return await CaseDetailTables.OpenDeadlinesAsync(connection, unitId, today, ct);
    }

    /// <summary>The case figures of a ledger month (台账), of one unit or all (see <see cref="LedgerFactTable"/>).</summary>
    public async Task<IReadOnlyList<LedgerEntry>> LedgerEntriesAsync(LedgerMonth month, string? unitId, Func<DateOnly, DateOnly, int> workingDaysBetween,
        CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        await using var connection = await OpenAsync(ct);
        return await LedgerFactTable.EntriesAsync(connection, month, unitId, workingDaysBetween, ct);
    }

    /// <summary>Every case counted by status and by handling mode (监管看板).</summary>
    public async Task<CaseCounts> CountsAsync(CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        await using var connection = await OpenAsync(ct);
        return await CaseStatisticsTables.CountsAsync(connection, ct);
    }

    /// <summary>Cases received (submitted) on each China date of [<paramref name="from"/>, <paramref name="to"/>], zero days included.</summary>
    public async Task<IReadOnlyList<(DateOnly Day, long Count)>> ReceivedPerDayAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        await using var connection = await OpenAsync(ct);
        return await CaseStatisticsTables.ReceivedPerDayAsync(connection, from, to, ct);
    }

    /// <summary>差评整改: every rectification deadline with its case and bad rating, of one unit or all.</summary>
    public async Task<IReadOnlyList<RectificationRow>> RectificationsAsync(string? unitId, CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        await using var connection = await OpenAsync(ct);
        return await CaseStatisticsTables.RectificationsAsync(connection, unitId, ct);
    }

    /// <summary>Every row of every table in a fixed order, as text (for comparing a rebuild with the incremental run).</summary>
    public async Task<IReadOnlyList<string>> DumpAsync(CancellationToken ct = default)
    {
        await EnsureSchemaAsync(ct);
        await using var connection = await OpenAsync(ct);
        var lines = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {Columns}, s.status_before_suspension, s.legs FROM case_summaries s ORDER BY s.case_id";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                lines.Add($"{ReadRow(reader)} | {(reader.IsDBNull(15) ? "" : reader.GetString(15))} | {reader.GetString(16)}");
        }
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT case_id, unit_id FROM case_units ORDER BY case_id, unit_id";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) lines.Add($"unit {reader.GetString(0)} {reader.GetString(1)}");
        }
        await CaseDetailTables.DumpAsync(connection, lines, ct);
        await LedgerFactTable.DumpAsync(connection, lines, ct);
        return lines;
    }

    private const string Columns = "s.case_id, s.case_number, s.item_code, s.item_version, s.mode, s.channel, s.receiving_unit_id, s.status, " +
        "s.outcome, s.submitted_at, s.decided_at, s.completed_at, s.overdue, s.last_event_at, s.version";

    private static CaseSummaryRow ReadRow(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture), r.GetString(4), r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8),
        Time(r.GetInt64(9)), r.IsDBNull(10) ? null : Time(r.GetInt64(10)), r.IsDBNull(11) ? null : Time(r.GetInt64(11)),
        Convert.ToInt32(r.GetValue(12), CultureInfo.InvariantCulture) != 0, Time(r.GetInt64(13)), r.GetInt64(14));

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(CaseContext.ChinaOffset);

    /// <summary>The stored summaries of these cases with their versions (absent: not projected yet).</summary>
    private static async Task<Dictionary<string, (CaseSummary Summary, long Version)>> LoadAsync(DbConnection connection, DbTransaction tx,
        IReadOnlyList<string> caseIds, CancellationToken ct)
    {
        var rows = new Dictionary<string, (CaseSummary Summary, long Version)>(StringComparer.Ordinal);
        foreach (var ids in caseIds.Chunk(CaseDetailTables.IdsPerQuery))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = $"SELECT {Columns}, s.status_before_suspension, s.legs FROM case_summaries s WHERE s.case_id IN ({CaseDetailTables.InList(command, ids)})";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var (summary, version) = ReadStored(reader);
                rows[summary.CaseId] = (summary, version);
            }
        }
        await CaseDetailTables.LoadIntoAsync(connection, tx, rows, ct);
        return rows;
    }

    /// <summary>A summary row with its legs, without its deadlines and mailings (<see cref="CaseDetailTables.LoadIntoAsync"/>).</summary>
    private static (CaseSummary, long) ReadStored(DbDataReader reader)
    {
        var row = ReadRow(reader);
        var before = reader.IsDBNull(15) ? (CaseStatus?)null : Parse<CaseStatus>(reader.GetString(15));
        var legs = JsonSerializer.Deserialize<ImmutableList<SummaryLeg>>(reader.GetString(16), LegJson) ?? [];
        var units = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, legs.Select(l => l.UnitId));
        if (row.ReceivingUnitId is { } receiving) units = units.Add(receiving);
        var summary = new CaseSummary
        {
            CaseId = row.CaseId,
            CaseNumber = row.CaseNumber,
            ItemCode = row.ItemCode,
            ItemVersion = row.ItemVersion,
            Mode = Parse<Domain.Catalogue.HandlingMode>(row.Mode),
            Channel = Parse<Channel>(row.Channel),
            ReceivingUnitId = row.ReceivingUnitId,
            Status = Parse<CaseStatus>(row.Status),
            StatusBeforeSuspension = before,
            Outcome = row.Outcome is null ? null : Parse<DecisionOutcome>(row.Outcome),
            SubmittedAt = row.SubmittedAt,
            DecidedAt = row.DecidedAt,
            CompletedAt = row.CompletedAt,
            Overdue = row.Overdue,
            LastEventAt = row.LastEventAt,
            Legs = legs,
            Units = units,
        };
        return (summary, row.Version);
    }

    private static T Parse<T>(string text) where T : struct, Enum => CaseDetailTables.Parse<T>(text);

    private static void Upsert(StatementBatch writes, CaseSummary s, long version)
    {
        writes.Add("""
            INSERT INTO case_summaries (case_id, case_number, item_code, item_version, mode, channel, receiving_unit_id, status, outcome,
                submitted_at, decided_at, completed_at, overdue, last_event_at, version, status_before_suspension, legs)
            VALUES (@id, @number, @item, @itemVersion, @mode, @channel, @receiving, @status, @outcome,
                @submitted, @decided, @completed, @overdue, @last, @version, @before, @legs)
            ON CONFLICT (case_id) DO UPDATE SET status = excluded.status, outcome = excluded.outcome, decided_at = excluded.decided_at,
                completed_at = excluded.completed_at, overdue = excluded.overdue, last_event_at = excluded.last_event_at,
                version = excluded.version, status_before_suspension = excluded.status_before_suspension, legs = excluded.legs
            """, c =>
        {
            Add(c, "id", s.CaseId);
            Add(c, "number", s.CaseNumber);
            Add(c, "item", s.ItemCode);
            Add(c, "itemVersion", s.ItemVersion);
            Add(c, "mode", s.Mode.ToKebab());
            Add(c, "channel", s.Channel.ToKebab());
            Add(c, "receiving", s.ReceivingUnitId, typeof(string));
            Add(c, "status", s.Status.ToKebab());
            Add(c, "outcome", s.Outcome?.ToKebab(), typeof(string));
            Add(c, "submitted", s.SubmittedAt.ToUnixTimeMilliseconds());
            Add(c, "decided", s.DecidedAt?.ToUnixTimeMilliseconds(), typeof(long));
            Add(c, "completed", s.CompletedAt?.ToUnixTimeMilliseconds(), typeof(long));
            Add(c, "overdue", s.Overdue ? 1 : 0);
            Add(c, "last", s.LastEventAt.ToUnixTimeMilliseconds());
            Add(c, "version", version);
            Add(c, "before", s.StatusBeforeSuspension?.ToKebab(), typeof(string));
            Add(c, "legs", JsonSerializer.Serialize(s.Legs, LegJson));
        });
        foreach (var unit in s.Units)
        {
            writes.Add("INSERT INTO case_units (case_id, unit_id) VALUES (@id, @unit) ON CONFLICT (case_id, unit_id) DO NOTHING", c =>
            {
                Add(c, "id", s.CaseId);
                Add(c, "unit", unit);
            });
        }
    }

    private static void Add(DbCommand command, string name, object? value, Type? nullType = null) =>
        command.AddParameter(name, value, nullType);
}
