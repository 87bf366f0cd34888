using System.Globalization;
using Xunit.Abstractions;

namespace KuaSheng.Host.Tests.Faults;

/// <summary>What one fault cost: the longest time in which no step anywhere was answered 2xx, the attempts refused
/// (not 2xx, or no answer), steps lost (answered 2xx but not on the case) and done twice, and the fault's own figures.</summary>
internal sealed record FaultFigures(string Fault, TimeSpan LongestWithoutService, int Refused, int Lost, int Duplicated, int Flows, int Steps,
    IReadOnlyList<(string Name, string Value)> Extra)
{
    public string Line() => string.Join(" ", new[]
    {
        $"fault={Fault}",
        $"longest_without_service_s={Seconds(LongestWithoutService)}",
        $"refused={Refused}",
        $"lost={Lost}",
        $"duplicated={Duplicated}",
        $"flows={Flows}",
        $"steps={Steps}",
    }.Concat(Extra.Select(e => $"{e.Name}={e.Value}")));

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>Writes a fault's figures to the test output and, with KUASHENG_FAULT_REPORT=path, appends them as one line
/// (UTC time first) to that file.</summary>
internal static class FaultReport
{
    public const string Variable = "KUASHENG_FAULT_REPORT";

    public static void Write(ITestOutputHelper output, FaultFigures figures)
    {
        var line = figures.Line();
        output.WriteLine(line);
        var path = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(path)) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        File.AppendAllText(path, $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {line}\n");
    }
}
