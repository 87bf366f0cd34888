using System.Text.RegularExpressions;

namespace KuaSheng.Domain.Tests.Catalogue;

/// <summary>
/// Reads the seed text on its own, without the python extractor, so a drift between
/// catalogue.json and the text shows up as a failing test.
/// </summary>
internal static partial class SeedText
{
    public static readonly string Path = System.IO.Path.Combine(AppContext.BaseDirectory, "Source", "qijiang-kuasheng-plan-2021.txt");

    // Batch headings of the attachment, and the note that closes batch 3.
    private static readonly string[] Headings = ["一、2020年底前", "二、2021年底前", "三、2021年以后"];
    private const string EndMark = "注：";

    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllText(Path).Split('\n'));

    /// <summary>Lines of batch 1..3, from after its heading to the next heading (or the closing note).</summary>
    public static string[] Section(int batch)
    {
        var lines = Lines.Value;
        var starts = Headings.Select(h => Array.FindIndex(lines, l => l.StartsWith(h, StringComparison.Ordinal))).ToArray();
        Assert.All(starts, s => Assert.True(s >= 0, "batch heading missing from the seed"));
        var end = batch < 3 ? starts[batch] : Array.FindIndex(lines, starts[2], l => l.StartsWith(EndMark, StringComparison.Ordinal));
        Assert.True(end > starts[batch - 1], $"batch {batch} has no end");
        return lines[(starts[batch - 1] + 1)..end];
    }

    /// <summary>Rows of a batch: seq and the raw lines from its "\t&lt;seq&gt;" line up to the next row.</summary>
    public static IReadOnlyList<(int Seq, string[] Lines)> Rows(int batch)
    {
        var section = Section(batch);
        var starts = Enumerable.Range(0, section.Length).Where(i => RowStart().IsMatch(section[i])).ToList();
        return starts.Select((s, k) => (
            int.Parse(section[s].Trim(), System.Globalization.CultureInfo.InvariantCulture),
            section[s..(k + 1 < starts.Count ? starts[k + 1] : section.Length)])).ToList();
    }

    /// <summary>Cells of a row after its seq: a "\t" line starts a cell, a line without a tab
    /// continues the previous one (the PDF broke it there; Chinese needs no space in between).</summary>
    public static IReadOnlyList<string> Cells(string[] rowLines)
    {
        var cells = new List<string>();
        foreach (var line in rowLines.Skip(1))
        {
            if (line.StartsWith('\t')) cells.Add(line[1..].Trim());
            else if (line.Trim().Length > 0) cells[^1] += line.Trim();
        }
        return cells;
    }

    /// <summary>Text with every tab, line break and space removed: PDF line breaks inside a
    /// cell vanish, so a joined cell such as 市规划自然资源局 can be found as a substring.</summary>
    public static string Flat(IEnumerable<string> lines) => Whitespace().Replace(string.Concat(lines), "");

    public static string Flat(string text) => Whitespace().Replace(text, "");

    [GeneratedRegex(@"^\t\d+$")]
    private static partial Regex RowStart();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
