using System.Globalization;
using CsvHelper;
using KuaSheng.Domain.Ledger;
using MiniExcelLibs;

namespace KuaSheng.Api.Ledger;

/// <summary>The ledger as files the district office opens as they are: CSV (UTF-8 with BOM, so Excel reads the Chinese
/// headers; RFC 4180 quoting by CsvHelper) and an xlsx workbook with one sheet "台账 YYYY-MM". Both carry the rows of
/// the JSON answer, with the columns of <see cref="LedgerColumns"/>.</summary>
public static class LedgerFiles
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string SheetName(LedgerMonth month) => $"台账 {month}";

    public static string FileName(LedgerReport report, string? unitId, string extension) =>
        $"ledger-{report.Month}{(unitId is null ? "" : "-" + unitId)}.{extension}";

    public static byte[] Csv(LedgerReport report)
    {
        using var buffer = new MemoryStream();
        // A unit name is operator input: a leading = + - @ must not run as a formula when the office opens the file.
        var options = new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        using (var csv = CsvWriter.Create(buffer, options, leaveOpen: true))
        {
            csv.WriteRecord([.. LedgerColumns.All.Select(c => c.Header)]);
            foreach (var row in report.Rows) csv.WriteRecord([.. LedgerColumns.All.Select(c => Text(c.Cell(row)))]);
        }
        return buffer.ToArray();
    }

    public static byte[] Xlsx(LedgerReport report)
    {
        // Header -> value, in column order; numbers stay numbers so the office can sum them in Excel.
        var rows = report.Rows.Select(row => LedgerColumns.All.ToDictionary(c => c.Header, c => c.Cell(row))).ToList();
        using var buffer = new MemoryStream();
        buffer.SaveAs(rows, printHeader: true, sheetName: SheetName(report.Month), excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }

    /// <summary>A cell as text, as the CSV writes it: numbers invariant, nothing for null.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
