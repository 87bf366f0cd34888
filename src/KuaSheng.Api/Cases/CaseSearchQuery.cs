using KuaSheng.Domain.Validation;
using System.Globalization;
using KuaSheng.Actors.ReadModel;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Api.Cases;

/// <summary>
/// The filters of case search (办件查询) as <c>GET /cases</c> and the console's search page take them from the query
/// string — unitId, status (kebab-case), itemCode, from/to (submission dates, China time, both inclusive), overdue
/// (true|false), page, pageSize — checked once here for both. <see cref="ToSearch"/> makes the read model's
/// <see cref="CaseSearch"/> for the units the caller's scope allows (<c>UnitAccess.SearchScope</c>).
/// </summary>
public sealed record CaseSearchQuery(string? UnitId, string? Status, string? ItemCode, DateOnly? From, DateOnly? To, bool? Overdue,
    int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;

    /// <summary>The query's filters from named values (null or blank: not given); the errors by field name, as
    /// <c>Problem.Validation</c> reports them.</summary>
    public static (CaseSearchQuery Query, Dictionary<string, string[]> Errors) Parse(Func<string, string?> value)
    {
        var errors = new Dictionary<string, string[]>();
        string? Text(string name) => value(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        void Error(string name, string message) => errors[name] = [message];

        string? status = null;
        if (Text("status") is { } s)
        {
            if (Kebab.TryParse<CaseStatus>(s, out var parsed)) status = parsed.ToKebab();
            else Error("status", $"Unknown status '{QuotedValue.Shown(s)}'; one of {string.Join(", ", Enum.GetValues<CaseStatus>().Select(v => v.ToKebab()))}.");
        }
        var from = Date("from", Text("from"), Error);
        var to = Date("to", Text("to"), Error);
        if (from is { } f && to is { } t && t < f) Error("to", "to must not be before from.");
        bool? overdue = null;
        if (Text("overdue") is { } o)
        {
            if (o is "true" or "false") overdue = o == "true";
            else Error("overdue", "overdue is true or false.");
        }
        var page = Number("page", Text("page"), 1, 1, int.MaxValue, Error);
        var pageSize = Number("pageSize", Text("pageSize"), DefaultPageSize, 1, MaxPageSize, Error);
        return (new CaseSearchQuery(Text("unitId"), status, Text("itemCode"), from, to, overdue, page, pageSize), errors);
    }

    /// <summary>The read model's search within <paramref name="units"/> (null: every case), for a page of this query
    /// or another (<paramref name="page"/>, <paramref name="pageSize"/>: an export walks all pages).</summary>
    public CaseSearch ToSearch(IReadOnlyCollection<string>? units, int? page = null, int? pageSize = null) =>
        new(units, Status, ItemCode, From is { } start ? StartOfDay(start) : null, To is { } end ? StartOfDay(end.AddDays(1)) : null, Overdue,
            page ?? Page, pageSize ?? PageSize);

    private static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), CaseContext.ChinaOffset);

    private static DateOnly? Date(string name, string? text, Action<string, string> error)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        error(name, $"{name} is a date, YYYY-MM-DD.");
        return null;
    }

    private static int Number(string name, string? text, int fallback, int min, int max, Action<string, string> error)
    {
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        error(name, max == int.MaxValue ? $"{name} is a whole number from {min}." : $"{name} is a whole number from {min} to {max}.");
        return fallback;
    }
}
