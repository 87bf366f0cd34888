using System.Globalization;
using System.Text.Json;

namespace KuaSheng.Domain.Calendar;

/// <summary>Reads one year of calendar data: <c>{"holidays":{date:name,...},"workdays":{date:name,...}}</c>.
/// Strict on purpose: an operator's typo ("workday", "2027-1-1") must fail loudly rather than
/// load a calendar with days silently missing.</summary>
internal static class YearCalendarJson
{
    private const string HolidaysKey = "holidays";
    private const string WorkdaysKey = "workdays";

    public static YearCalendar Parse(int year, string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return Read(year, doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new CalendarDataException($"not valid JSON: {e.Message}");
        }
    }

    public static YearCalendar Read(int year, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new CalendarDataException($"year {year}: expected an object with \"{HolidaysKey}\" and \"{WorkdaysKey}\"");

        var problems = new List<string>();
        Dictionary<DateOnly, string>? holidays = null, workdays = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case HolidaysKey: holidays = ReadDays(property, problems); break;
                case WorkdaysKey: workdays = ReadDays(property, problems); break;
                default: problems.Add($"unknown key \"{property.Name}\" (expected \"{HolidaysKey}\" and \"{WorkdaysKey}\")"); break;
            }
        }
        if (holidays is null) problems.Add($"missing \"{HolidaysKey}\"");
        if (workdays is null) problems.Add($"missing \"{WorkdaysKey}\"");
        if (problems.Count > 0) throw new CalendarDataException(problems);
        return new YearCalendar(year, holidays!, workdays!);
    }

    private static Dictionary<DateOnly, string> ReadDays(JsonProperty days, List<string> problems)
    {
        var result = new Dictionary<DateOnly, string>();
        if (days.Value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"\"{days.Name}\" must be an object of \"yyyy-MM-dd\": name");
            return result;
        }
        foreach (var day in days.Value.EnumerateObject())
        {
            if (!DateOnly.TryParseExact(day.Name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                problems.Add($"\"{days.Name}\": \"{day.Name}\" is not a date (yyyy-MM-dd)");
            else if (day.Value.ValueKind != JsonValueKind.String)
                problems.Add($"\"{days.Name}\": {day.Name} must name its holiday as a string");
            else if (!result.TryAdd(date, day.Value.GetString()!))
                problems.Add($"\"{days.Name}\": {day.Name} is listed twice");
        }
        return result;
    }
}
