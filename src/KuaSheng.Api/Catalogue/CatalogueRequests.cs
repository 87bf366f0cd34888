using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Routing;

namespace KuaSheng.Api.Catalogue;

/// <summary>
/// Body of <c>POST /catalogue/items</c> (add) and <c>PUT /catalogue/items/{code}</c> (revise). Only <c>code</c> (add) and
/// <c>name</c> are needed; what is left out is derived from the text as for the printed catalogue (modes from the
/// scenario, originals and promised days from the name, routing from <c>districtUnits</c> or else the city lead).
/// On a revision, fields left out keep the current version's values, and the routing and promised days are derived
/// again when their inputs change without them (<see cref="CatalogueRevision"/>).
/// <c>districtUnits</c> takes unit ids (qj-notary, town-500110001...) or the attachment's names (区公证处, 各镇街).
/// </summary>
public sealed record ItemBody(
    string? Code,
    int? Batch,
    int? Seq,
    string? Name,
    string? Scenario,
    string? CityLead,
    IReadOnlyList<string>? CityCooperating,
    IReadOnlyList<string>? DistrictUnits,
    IReadOnlyList<string>? Notes,
    string? DeadlineText,
    IReadOnlyList<HandlingMode>? Modes,
    bool? RequiresOriginals,
    int? PromisedDays,
    RoutingBody? Routing)
{
    /// <summary>Whether the body gives a field (by its JSON name) that <see cref="CatalogueRevision"/> derives or derives from.</summary>
    public bool Gives(string field) => field switch
    {
        CatalogueRevision.Routing => Routing is not null,
        CatalogueRevision.PromisedDays => PromisedDays is not null,
        CatalogueRevision.DistrictUnits => DistrictUnits is not null,
        CatalogueRevision.CityLead => CityLead is not null,
        CatalogueRevision.Modes => Modes is not null,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a field the revision rules know."),
    };
}

public sealed record RoutingBody(IReadOnlyList<LegSpecBody>? Legs);

/// <param name="Order">Legs of the same order run in parallel; a higher order starts when the ones before are approved.</param>
/// <param name="Candidates">Unit ids that may take the leg; exactly one for selector <c>fixed</c>.</param>
public sealed record LegSpecBody(LegRole Role, int? Order, UnitSelector Selector, IReadOnlyList<string>? Candidates, bool? OnlyWhenHomeIsLocal);
