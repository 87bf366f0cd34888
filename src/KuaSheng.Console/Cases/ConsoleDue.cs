using KuaSheng.Api.Cases;
using KuaSheng.Console.Localization;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Console.Cases;

/// <summary>Due states today (Beijing date of the node's clock) in working days of the calendar in force
/// (<see cref="DueStates"/>), and the names of units.</summary>
public sealed class ConsoleDue(CaseEndpointSupport support)
{
    public DateOnly Today => support.Today;

    public DueState Of(DateOnly due, bool missed) =>
        DueStates.Of(due, missed, support.Today, support.Reference.Current.Calendar.WorkingDaysBetween);

    public (string Css, string Words) Words(DateOnly due, bool missed) => CaseWords.Due(Of(due, missed));

    /// <summary>A unit's name, or its id when it is not known.</summary>
    public string UnitName(string? unitId) =>
        unitId is null ? "—" : support.Reference.Current.Units.Find(unitId)?.Name ?? unitId;

    public string ItemName(string code) => support.Reference.Current.Catalogue.Find(code)?.Name ?? code;
}
