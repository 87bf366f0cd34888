using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Routing;

namespace KuaSheng.Api.Catalogue;

/// <summary>
/// Body of <c>POST /catalogue/items</c> (add) and <c>PUT /catalogue/items/{code}</c> (revise). Only <c>code</c> (add) and
/// <c>name</c> are needed; what is left out is derived from the text as for the printed catalogue (modes from the
/// scenario, originals and promised days from the name, routing from <c>districtUnits</c> or else the city lead).
/// On a revision, fields left out keep the current version's values, and the routing is derived again when
/// <c>districtUnits</c>, <c>cityLead</c> or <c>modes</c> change without a <c>routing</c>.
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
    RoutingBody? Routing);

public sealed record RoutingBody(IReadOnlyList<LegSpecBody>? Legs);

/// <param name="Order">Legs of the same order run in parallel; a higher order starts when the ones before are approved.</param>
/// <param name="Candidates">Unit ids that may take the leg; exactly one for selector <c>fixed</c>.</param>
public sealed record LegSpecBody(LegRole Role, int? Order, UnitSelector Selector, IReadOnlyList<string>? Candidates, bool? OnlyWhenHomeIsLocal);
