using System.Globalization;
using CsvHelper;
using KuaSheng.Actors.ReadModel;
using KuaSheng.Api.Ledger;
using KuaSheng.Console.Localization;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;

namespace KuaSheng.Console.Exports;

/// <summary>办件查询 as a CSV file: UTF-8 with BOM and Chinese headers like the ledger's (<see cref="LedgerFiles"/>), RFC 4180
/// quoting and formula escaping by CsvHelper; one row per case of the search, all of them, no personal data (the read model
/// has none).</summary>
public static class CaseSearchCsv
{
    public const string ContentType = LedgerFiles.CsvContentType;

    public static readonly IReadOnlyList<string> Headers =
        ["办件编号", "事项编码", "办理模式", "渠道", "收件单位", "状态", "结果", "收件时间", "办结时间", "超期"];

    /// <summary>Every row onto <paramref name="output"/> as it is read (an export of any size, nothing cut off), with
    /// asynchronous writes only (the response's stream refuses synchronous ones).</summary>
    public static async Task WriteAsync(IAsyncEnumerable<CaseSummaryRow> rows, Stream output, CancellationToken ct)
    {
        var options = new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        await using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        await csv.WriteRecordAsync([.. Headers], ct);
        await foreach (var r in rows.WithCancellation(ct)) await csv.WriteRecordAsync(Fields(r), ct);
        await csv.FlushAsync(ct);
    }

    private static string[] Fields(CaseSummaryRow r) =>
    [
        r.CaseNumber, r.ItemCode, Kebab.TryParse<HandlingMode>(r.Mode, out var mode) ? FigureWords.Mode(mode).Zh : r.Mode, r.Channel,
        r.ReceivingUnitId ?? "", Kebab.TryParse<CaseStatus>(r.Status, out var status) ? CaseWords.Status(status).Zh : r.Status,
        r.Outcome ?? "", Time(r.SubmittedAt), r.CompletedAt is { } done ? Time(done) : "", r.Overdue ? "是" : "否",
    ];

    private static string Time(DateTimeOffset at) => at.ToOffset(CaseContext.ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
