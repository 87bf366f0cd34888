using System.Data.Common;
using KuaSheng.Actors.ReadModel;
using KuaSheng.Actors.Tests.Serialization;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Actors.Tests.ReadModel;

/// <summary>A case's detail rows are written as a difference: the tables end as a fresh write of the summary would
/// leave them, and rows whose stored columns did not change are not written.</summary>
public sealed class CaseDetailRowsTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    private static readonly CaseSummary First = CaseSummary.Start(MessageSamples.Submitted) with
    {
        Deadlines =
        [
            MessageSamples.Deadline with { DeadlineId = "dl1", MetAt = null },
            MessageSamples.Deadline with { DeadlineId = "dl2", MetAt = null },
            MessageSamples.Deadline with { DeadlineId = "dl3", Step = DeadlineStep.Delivery, LegId = null, Provisional = true, MetAt = null },
        ],
        Mailings = [new SummaryMailing("m1", MailingPurpose.Originals, "qj-window-01", CarrierStatus.Registered)],
    };

    /// <summary>One deadline met (at a time with sub-millisecond ticks), one gone, one kept; a leg's status changed; the
    /// mailing signed and another added.</summary>
    private static readonly CaseSummary Second = First with
    {
        Legs = [.. First.Legs.Select((l, i) => i == 0 ? l with { Status = LegStatus.Accepted } : l)],
        Deadlines = [First.Deadlines[0] with { MetAt = MessageSamples.At.AddDays(2), WorkingDays = 20 }, First.Deadlines[2]],
        Mailings = [First.Mailings[0] with { Status = CarrierStatus.Signed }, new SummaryMailing("m2", MailingPurpose.Result, "qj-justice", CarrierStatus.Registered)],
    };

    public async Task InitializeAsync()
    {
        await _connection.OpenAsync();
        await using var command = _connection.CreateCommand();
        command.CommandText = CaseDetailTables.Schema;
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task A_changed_summary_leaves_the_rows_a_fresh_write_would()
    {
        await WriteAsync(null, First);
        await WriteAsync(First, Second);
        var changed = await DumpAsync();

        await ClearAsync();
        await WriteAsync(null, Second);

        Assert.Equal(await DumpAsync(), changed);
        Assert.Contains(changed, r => r.StartsWith("case_deadlines|dl1|", StringComparison.Ordinal));
        Assert.DoesNotContain(changed, r => r.StartsWith("case_deadlines|dl2|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rows_whose_stored_columns_are_unchanged_are_not_written()
    {
        await WriteAsync(null, Second);
        // As the projection reads it back: no working days, times to the millisecond.
        var stored = Second with
        {
            Deadlines = [.. Second.Deadlines.Select(d => d with
            {
                WorkingDays = null,
                MetAt = d.MetAt is { } met ? DateTimeOffset.FromUnixTimeMilliseconds(met.ToUnixTimeMilliseconds()) : null,
            })],
        };
        await using var tx = await _connection.BeginTransactionAsync();
        var writes = new StatementBatch(_connection, tx);

        CaseDetailRows.Write(writes, stored, Second);
        Assert.Equal(0, writes.Count);

        CaseDetailRows.Write(writes, stored, Second with { Deadlines = Second.Deadlines.SetItem(1, Second.Deadlines[1] with { CancelledAt = MessageSamples.At }) });
        Assert.Equal(1, writes.Count);
    }

    private async Task WriteAsync(CaseSummary? before, CaseSummary after)
    {
        await using var tx = await _connection.BeginTransactionAsync();
        var writes = new StatementBatch(_connection, tx);
        CaseDetailRows.Write(writes, before, after);
        await writes.FlushAsync(CancellationToken.None);
        await tx.CommitAsync();
    }

    private async Task ClearAsync()
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = CaseDetailTables.DeleteAll;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> DumpAsync()
    {
        var rows = new List<string>();
        foreach (var (table, key) in new[] { ("case_legs", "leg_id"), ("case_deadlines", "deadline_id"), ("case_mailings", "mailing_id") })
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY case_id, {key}";
            await using DbDataReader r = await command.ExecuteReaderAsync();
            while (await r.ReadAsync())
                rows.Add(table + "|" + string.Join("|", Enumerable.Range(1, r.FieldCount - 1).Select(i => r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    }
}
