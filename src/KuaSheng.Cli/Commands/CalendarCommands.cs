using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace KuaSheng.Cli.Commands;

/// <summary><c>ksctl calendar import FILE [--year YYYY]</c> (operator): <c>PUT /api/v1/calendar/years/{year}</c> with FILE
/// as the body, a year's official calendar as the State Council publishes it:
/// <c>{"holidays": {"YYYY-MM-DD": name, ...}, "workdays": {"YYYY-MM-DD": name, ...}}</c>. The body has no year (the
/// node takes it from the path and refuses keys it does not know), so the year is <c>--year</c>, else the one year all
/// the file's dates fall in. The file is read and its year settled before anything is sent; the node checks the rest.</summary>
public static class CalendarCommands
{
    public static Command Build(GlobalOptions options)
    {
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "The year's calendar as PUT /api/v1/calendar/years/{year} takes it: {\"holidays\": {date: name}, \"workdays\": {date: name}}",
        }.AcceptExistingOnly();
        var year = new Option<int?>("--year") { Description = "The year (default: the one year of the file's dates)", HelpName = "YYYY" };
        year.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is not (>= 1 and <= 9999)) r.AddError("--year is a year, e.g. 2030.");
        });
        var import = new Command("import", "Load a year's official working-day calendar (operator); replaces the year if it was loaded") { file, year };
        options.Run(import, async (session, parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var body = JsonFile.Read(path) as JsonObject
                       ?? throw JsonFile.Invalid(path, "expected an object {\"holidays\": {...}, \"workdays\": {...}}");
            var y = parse.GetValue(year) ?? YearOf(path, body);
            var answer = await session.Node.Put($"/api/v1/calendar/years/{y.ToString(CultureInfo.InvariantCulture)}", body, ct);
            if (session.Json)
            {
                session.WriteJson(answer.Text);
                return ExitCodes.Success;
            }
            var loaded = answer.Body;
            var version = loaded["referenceVersion"] is { } v ? $" (reference version {Session.Cell(v)})" : "";
            session.Line($"{Session.Cell(loaded["year"])}: official calendar loaded, {Count(loaded["holidays"])} holiday(s) and "
                         + $"{Count(loaded["workdays"])} adjusted workday(s){version}");
            if (loaded["deadlinesMoved"] is { } moved) session.Line($"{Session.Cell(moved)} open deadline(s) moved with the new calendar");
            if ((loaded["casesNotRecounted"] as JsonArray)?.Count is > 0 and var missing)
                session.Line($"{missing} case(s) did not answer and were not counted again; import the file again to finish");
            return ExitCodes.Success;
        });
        return new Command("calendar", "The official working-day calendar (工作日)") { import };
    }

    /// <summary>The one year the file's dates fall in; the date keys that are not dates are the node's to refuse.</summary>
    private static int YearOf(FileInfo file, JsonObject body)
    {
        var years = new[] { "holidays", "workdays" }.SelectMany(k => body[k] as JsonObject ?? [])
            .Select(d => DateOnly.TryParseExact(d.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date.Year : (int?)null)
            .OfType<int>().Distinct().Order().ToList();
        return years switch
        {
            [var one] => one,
            [] => throw JsonFile.Invalid(file, "no dates to tell the year from; give --year YYYY"),
            _ => throw JsonFile.Invalid(file, $"its dates fall in {string.Join(" and ", years)}; give --year YYYY"),
        };
    }

    private static int Count(JsonNode? days) => (days as JsonObject)?.Count ?? 0;
}
