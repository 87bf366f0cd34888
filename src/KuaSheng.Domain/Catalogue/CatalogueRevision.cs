using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Domain.Catalogue;

/// <summary>
/// What adding or revising an item (清单更新) derives again. A new item derives every field it does not give; a revision
/// keeps the fields it leaves out, except a derived field whose inputs it changes: the routing follows the district
/// units, the city lead and the modes, the promised days (承诺时限) follow the modes. Field names as the API's item body
/// spells them; the API applies the rule and <c>ksctl catalogue import</c> sends a derived field along when it changes
/// an input of it, so that the file's value is not derived away.
/// </summary>
public static class CatalogueRevision
{
    public const string Routing = "routing";
    public const string PromisedDays = "promisedDays";
    public const string DistrictUnits = "districtUnits";
    public const string CityLead = "cityLead";
    public const string Modes = "modes";

    /// <summary>Each derived field and the fields it is derived from.</summary>
    public static readonly IReadOnlyList<(string Field, IReadOnlyList<string> DependsOn)> Derived =
        [(Routing, [DistrictUnits, CityLead, Modes]), (PromisedDays, [Modes])];

    /// <summary>Whether <paramref name="field"/> is derived again for a body (<paramref name="gives"/>: which fields it
    /// gives): not when it gives the field itself; for a new item always; for a revision when it gives an input of it.</summary>
    public static bool Rederives(string field, bool isNew, Func<string, bool> gives) =>
        !gives(field) && (isNew || Derived.First(d => d.Field == field).DependsOn.Any(gives));

    /// <summary>行政许可法 art. 42: promised days are 1 to the decision limit (20, or 45 for joint handling); null when
    /// they are within it, else the problem in words.</summary>
    public static string? PromisedDaysProblem(int promisedDays, bool joint, TimeLimits limits)
    {
        var max = limits.DecisionMaxFor(joint);
        return promisedDays >= 1 && promisedDays <= max
            ? null
            : $"promisedDays (承诺时限) is 1 to {max} working days{(joint ? " for a joint item" : "")} (行政许可法 art. 42).";
    }
}
