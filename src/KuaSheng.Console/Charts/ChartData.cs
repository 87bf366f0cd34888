using System.Text.Json;

namespace KuaSheng.Console.Charts;

/// <summary>
/// A chart of the console as data: its kind (<c>bar</c>, <c>pie</c>, <c>line</c>), its labels and values, which the page
/// puts in a <c>data-chart</c> attribute for <c>wwwroot/js/charts.js</c> to draw with ECharts (no inline script) and shows
/// as a table as well (<c>_ChartTable</c>): one list of numbers for both.
/// </summary>
public sealed record ChartData(string Id, string Kind, string Title, string LabelHeader, string ValueHeader, IReadOnlyList<string> Labels,
    IReadOnlyList<long> Values)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ChartData Of(string id, string kind, string title, string labelHeader, string valueHeader, IEnumerable<(string Label, long Value)> points)
    {
        var list = points.ToList();
        return new ChartData(id, kind, title, labelHeader, valueHeader, [.. list.Select(p => p.Label)], [.. list.Select(p => p.Value)]);
    }

    /// <summary>The <c>data-chart</c> attribute's value (Razor encodes it for the attribute).</summary>
    public string Attribute => JsonSerializer.Serialize(new { kind = Kind, name = ValueHeader, labels = Labels, values = Values }, Json);
}
