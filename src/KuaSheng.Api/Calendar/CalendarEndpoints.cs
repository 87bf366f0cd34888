using KuaSheng.Api.Audit;
using System.Globalization;
using KuaSheng.Actors.Reference;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Catalogue;
using KuaSheng.Api.Problems;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Calendar;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KuaSheng.Api.Calendar;

/// <param name="Holiday">The public holiday's name (国庆节) when the day is one.</param>
/// <param name="AdjustedWorkday">A Saturday or Sunday made a working day (调休上班).</param>
/// <param name="Provisional">The official calendar does not cover the year yet: counted Monday to Friday less the statutory
/// holidays (全国年节及纪念日放假办法), without the 调休 days.</param>
public sealed record DayView(DateOnly Date, bool WorkingDay, string? Holiday, bool AdjustedWorkday, bool Provisional);

public sealed record DueDateView(DateOnly From, int WorkingDays, DateOnly Due, bool Provisional);

/// <param name="Covered">The official calendar of this year is loaded; otherwise days are counted provisionally (Monday to Friday
/// less the statutory holidays).</param>
/// <param name="DeadlinesMoved">After a load: open deadlines of cases whose due day moved with the new calendar.</param>
/// <param name="CasesNotRecounted">After a load: cases that did not answer the recount (load the year again to finish).</param>
public sealed record YearView(int Year, bool Covered, IReadOnlyDictionary<string, string> Holidays, IReadOnlyDictionary<string, string> Workdays,
    long? ReferenceVersion = null, int? DeadlinesMoved = null, IReadOnlyList<string>? CasesNotRecounted = null);

/// <summary>Body of <c>PUT /calendar/years/{year}</c>, as the State Council publishes it: days off and adjusted workdays.</summary>
public sealed record YearBody(IReadOnlyDictionary<string, string>? Holidays, IReadOnlyDictionary<string, string>? Workdays);

/// <summary>工作日: the official working-day calendar. Reads are public; operators load a new year.</summary>
public static class CalendarEndpoints
{
    public const int FirstYear = 1900;
    public const int LastYear = 2200;
    public const int MaxWorkingDays = 3650;

    public static IServiceCollection AddCalendarEndpoints(this IServiceCollection services) => ReferenceGateway.Register(services);

    public static RouteGroupBuilder MapCalendarEndpoints(this RouteGroupBuilder api)
    {
        var calendar = api.MapGroup("/calendar").WithTags("Calendar");
        calendar.MapGet("/days/{date}", Day).AllowAnonymous().WithSummary("What kind of day a date is (public)")
            .Produces<DayView>().ProducesProblem(StatusCodes.Status400BadRequest);
        calendar.MapGet("/due-date", DueDate).AllowAnonymous().WithSummary("The Nth working day after a date, as deadlines count (public)")
            .WithDescription($"from: YYYY-MM-DD ({FirstYear}-{LastYear}), not counted itself; workingDays: 0-{MaxWorkingDays}.")
            .Produces<DueDateView>().ProducesProblem(StatusCodes.Status400BadRequest);
        calendar.MapGet("/years/{year}", Year).AllowAnonymous().WithSummary("The official calendar of a year, if loaded (public)")
            .Produces<YearView>().ProducesProblem(StatusCodes.Status400BadRequest);
        calendar.MapPut("/years/{year}", LoadYear).RequireAuthorization().Audited().WithSummary("Load a year's official calendar (operator)")
            .WithDescription("Replaces the year's data if it was loaded before. Every open deadline whose working-day count runs into the year "
                + "is counted again from its start day with the new calendar, recorded on its case (a met or missed deadline keeps its history); "
                + "deadlinesMoved says how many due days moved, casesNotRecounted lists cases that did not answer (load the year again to finish).")
            .Accepts<YearBody>("application/json")
            .Produces<YearView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static IResult Day(string date, ReferenceGateway reference)
    {
        var parsed = ParseDate(date, "date");
        if (parsed.Problem is { } problem) return problem;
        var day = reference.Current.Calendar.Day(parsed.Date);
        return TypedResults.Ok(new DayView(day.Date, day.WorkingDay, day.Holiday, day.AdjustedWorkday, day.Provisional));
    }

    private static IResult DueDate(string? from, string? workingDays, ReferenceGateway reference)
    {
        var errors = new Dictionary<string, string[]>();
        var start = ParseDate(from, "from");
        if (start.Problem is not null) CatalogueEndpoints.Add(errors, "from", start.Message!);
        if (!int.TryParse(workingDays, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > MaxWorkingDays)
            CatalogueEndpoints.Add(errors, "workingDays", $"workingDays is a whole number from 0 to {MaxWorkingDays}.");
        if (errors.Count > 0) return Problem.Validation(errors);
        var due = reference.Current.Calendar.AddWorkingDays(start.Date, n);
        return TypedResults.Ok(new DueDateView(start.Date, n, due.Due, due.Provisional));
    }

    private static IResult Year(string year, ReferenceGateway reference)
    {
        if (ParseYear(year) is not { } y) return Problem.Validation("year", $"year is a number from {FirstYear} to {LastYear}.");
        var calendar = reference.Current.Calendar;
        return TypedResults.Ok(View(y, calendar.Year(y), null));
    }

    private static async Task<IResult> LoadYear(HttpContext http, string year, ReferenceGateway reference, DeadlineRecountRunner recount)
    {
        if (Caller.From(http.User) is not { Role: Roles.Operator } caller) return Problem.Forbidden("Only operators load calendar years.");
        if (ParseYear(year) is not { } y) return Problem.Validation("year", $"year is a number from {FirstYear} to {LastYear}.");
        string json;
        using (var reader = new StreamReader(http.Request.Body))
            json = await reader.ReadToEndAsync(http.RequestAborted);
        YearCalendar loaded;
        try
        {
            loaded = YearCalendar.Parse(y, json);
        }
        catch (CalendarDataException e)
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["calendar"] = e.Problems.ToArray() },
                $"The calendar of {y} cannot be loaded: {string.Join("; ", e.Problems)}.");
        }
        var answer = await reference.Change(new CalendarYearLoaded(y, loaded.Holidays, loaded.Workdays), http.RequestAborted);
        if (answer.Problem is { } problem) return problem;
        // The year is loaded whatever happens next; the recount is the cases' to record (each once per load).
        var outcome = await recount.RunAsync(loaded, answer.Version ?? reference.Version, reference.Current.Units.All.Select(u => u.Id),
            caller.AsActor(), http.RequestAborted);
        if (outcome is null)
            return Problem.Unavailable($"The calendar of {y} was loaded, but not every unit answered, so open deadlines were not all "
                                       + "counted again; load the year again to finish.");
        return TypedResults.Ok(View(y, reference.Current.Calendar.Year(y) ?? loaded, answer.Version) with
        {
            DeadlinesMoved = outcome.DeadlinesMoved,
            CasesNotRecounted = outcome.CasesNotRecounted,
        });
    }

    private static YearView View(int year, YearCalendar? data, long? version) => new(year, data is not null,
        Days(data?.Holidays), Days(data?.Workdays), version);

    private static IReadOnlyDictionary<string, string> Days(IReadOnlyDictionary<DateOnly, string>? days)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (date, name) in days ?? new Dictionary<DateOnly, string>()) sorted[Iso(date)] = name;
        return sorted;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int? ParseYear(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= FirstYear and <= LastYear ? y : null;

    private readonly record struct ParsedDate(DateOnly Date, string? Message, IResult? Problem);

    private static ParsedDate ParseDate(string? text, string field)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= FirstYear and <= LastYear)
            return new ParsedDate(date, null, null);
        var message = $"{field} is a date YYYY-MM-DD from {FirstYear} to {LastYear}.";
        return new ParsedDate(default, message, Problem.Validation(field, message));
    }
}
