using System.Globalization;
using System.Text.Json;

namespace KuaSheng.Domain.Calendar;

/// <summary>Reads calendar.json: <c>{"source": "...", "years": {"2021": {one year}, ...}}</c>
/// (written by ops/data/refresh-calendar.sh).</summary>
internal static class CalendarFile
{
    public const string ResourceName = "KuaSheng.Domain.Data.calendar.json";

    public static WorkingCalendar ReadEmbedded()
    {
        using var stream = typeof(CalendarFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return Read(stream);
    }

    public static WorkingCalendar Read(Stream stream)
    {
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        string source = root.GetProperty("source").GetString() ?? "";
        var years = root.GetProperty("years").EnumerateObject()
            .Select(y => YearCalendarJson.Read(int.Parse(y.Name, NumberStyles.None, CultureInfo.InvariantCulture), y.Value));
        return new WorkingCalendar(source, years);
    }
}
