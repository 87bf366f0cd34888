using KuaSheng.Domain;
using KuaSheng.Domain.Calendar;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Units;

namespace KuaSheng.Actors.Reference;

/// <summary>Applies reference changes to the reference data: the same rules for the entity (to refuse bad changes)
/// and for every node's cached copy (to follow them).</summary>
public static class ReferenceFold
{
    public static (ReferenceData? Data, Refusal? Refusal) Apply(ReferenceData data, ReferenceChange change)
    {
        switch (change)
        {
            case ItemAdded a:
                var (added, addRefusal) = data.Catalogue.Add(a.Item);
                return added is null ? (null, addRefusal) : (data with { Catalogue = added }, null);
            case ItemRevised r:
                var (revised, reviseRefusal) = data.Catalogue.Revise(r.Item);
                return revised is null ? (null, reviseRefusal) : (data with { Catalogue = revised }, null);
            case ItemRetired t:
                var (retired, retireRefusal) = data.Catalogue.Retire(t.Code);
                return retired is null ? (null, retireRefusal) : (data with { Catalogue = retired }, null);
            case ExternalUnitRegistered u:
                if (data.Units.Find(u.Unit.Id) is { IsExternal: false })
                    return (null, Refusal.Conflict($"{u.Unit.Id} is a built-in unit."));
                if (u.Unit.Level != UnitLevel.External) return (null, Refusal.Invalid("level", "Only external units are registered at run time."));
                return (data with { Units = data.Units.With(u.Unit) }, null);
            case CalendarYearLoaded y:
                try
                {
                    var year = new YearCalendar(y.Year, y.Holidays, y.Workdays);
                    return (data with { Calendar = data.Calendar.WithYear(year) }, null);
                }
                catch (CalendarDataException e)
                {
                    return (null, Refusal.Invalid("calendar", string.Join(" ", e.Problems)));
                }
            default:
                return (null, Refusal.Invalid("change", $"Unknown change {change.GetType().Name}."));
        }
    }
}
