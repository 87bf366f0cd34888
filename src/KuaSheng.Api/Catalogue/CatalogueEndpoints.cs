using KuaSheng.Api.Audit;
using System.Globalization;
using KuaSheng.Actors.Reference;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Problems;
using KuaSheng.Domain;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Catalogue.Source;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;
using KuaSheng.Domain.Units;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KuaSheng.Api.Catalogue;

/// <summary>事项清单: read by every signed-in caller; added, revised and retired by operators (清单化管理).</summary>
public static class CatalogueEndpoints
{
    public const int MaxCodeLength = 50;

    public static IServiceCollection AddCatalogueEndpoints(this IServiceCollection services) => ReferenceGateway.Register(services);

    public static RouteGroupBuilder MapCatalogueEndpoints(this RouteGroupBuilder api)
    {
        var items = api.MapGroup("/catalogue/items").RequireAuthorization().WithTags("Catalogue").Audited();
        items.MapGet("/", List).WithSummary("List catalogue items (newest version of each)")
            .WithDescription("Filters: batch, seq, q (text in code, name or scenario), status (active | retired).")
            .Produces<ItemList>().ProducesProblem(StatusCodes.Status400BadRequest);
        items.MapGet("/{code}", Get).WithSummary("One catalogue item, newest or a given version")
            .Produces<ItemView>().ProducesProblem(StatusCodes.Status404NotFound);
        items.MapPost("/", AddItem).WithSummary("Add an item (operator)")
            .WithDescription("Version 1. code and name are required; fields left out are derived from the text as for the printed catalogue.")
            .Accepts<ItemBody>("application/json")
            .Produces<ItemView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        items.MapPut("/{code}", Revise).WithSummary("Revise an item (operator): version + 1")
            .WithDescription("Fields left out keep the current values; cases already submitted keep their version.")
            .Accepts<ItemBody>("application/json")
            .Produces<ItemView>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        items.MapDelete("/{code}", Retire).WithSummary("Retire an item (operator): no new cases, open ones go on")
            .Produces<ItemView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static IResult List(string? batch, string? seq, string? q, string? status, ReferenceGateway reference)
    {
        var errors = new Dictionary<string, string[]>();
        var batchNo = ParseInt(batch, "batch", errors);
        var seqNo = ParseInt(seq, "seq", errors);
        ItemStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (status == "active") wanted = ItemStatus.Active;
            else if (status == "retired") wanted = ItemStatus.Retired;
            else errors["status"] = ["status is active or retired."];
        }
        if (errors.Count > 0) return Problem.Validation(errors);
        var data = reference.Current;
        var text = q?.Trim();
        var found = data.Catalogue.Current.Where(i =>
                (batchNo is null || i.Batch == batchNo) && (seqNo is null || i.Seq == seqNo) && (wanted is null || i.Status == wanted)
                && (string.IsNullOrEmpty(text) || i.Code.Contains(text, StringComparison.OrdinalIgnoreCase)
                    || i.Name.Contains(text, StringComparison.Ordinal) || i.Scenario.Contains(text, StringComparison.Ordinal)))
            .Select(i => CatalogueViews.From(i, data)).ToList();
        return TypedResults.Ok(new ItemList(found));
    }

    private static IResult Get(string code, string? version, ReferenceGateway reference)
    {
        var data = reference.Current;
        if (string.IsNullOrEmpty(version))
            return data.Catalogue.Find(code) is { } item ? TypedResults.Ok(CatalogueViews.From(item, data)) : Problem.NotFound($"Item {ProblemText.Shown(code)} was not found.");
        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
            return Problem.Validation("version", "version is a whole number from 1.");
        return data.Catalogue.Find(code, v) is { } at
            ? TypedResults.Ok(CatalogueViews.From(at, data))
            : Problem.NotFound(data.Catalogue.Find(code) is null ? $"Item {ProblemText.Shown(code)} was not found." : $"Item {ProblemText.Shown(code)} has no version {v}.");
    }

    private static async Task<IResult> AddItem(HttpContext http, ItemBody body, ReferenceGateway reference)
    {
        if (Forbidden(http) is { } forbidden) return forbidden;
        var data = reference.Current;
        var code = body.Code?.Trim() ?? "";
        http.SetAuditTarget(code);
        var errors = new Dictionary<string, string[]>();
        CheckCode(code, "code", errors);
        var (item, more) = Build(body, code, current: null, data);
        Merge(errors, more);
        if (errors.Count > 0) return Problem.Validation(errors);
        if (data.Catalogue.Find(code) is not null) return Problem.Conflict($"Item {ProblemText.Shown(code)} already exists; revise it with PUT /catalogue/items/{ProblemText.Shown(code)}.");

        var answer = await reference.Change(new ItemAdded(item!), http.RequestAborted);
        if (answer.Problem is { } problem) return problem;
        var added = reference.Current.Catalogue.Find(code) ?? item!;
        return TypedResults.Created($"{KuaShengApi.Prefix}/catalogue/items/{code}", CatalogueViews.From(added, reference.Current));
    }

    private static async Task<IResult> Revise(HttpContext http, string code, ItemBody body, ReferenceGateway reference)
    {
        if (Forbidden(http) is { } forbidden) return forbidden;
        var data = reference.Current;
        if (data.Catalogue.Find(code) is not { } current) return Problem.NotFound($"Item {ProblemText.Shown(code)} was not found.");
        if (body.Code is { } other && other.Trim() != code)
            return Problem.Validation("code", "The code of an item never changes; leave it out or repeat the one in the path.");
        var (item, errors) = Build(body, code, current, data);
        if (errors.Count > 0) return Problem.Validation(errors);

        var answer = await reference.Change(new ItemRevised(item!), http.RequestAborted);
        if (answer.Problem is { } problem) return problem;
        return TypedResults.Ok(CatalogueViews.From(reference.Current.Catalogue.Find(code)!, reference.Current));
    }

    private static async Task<IResult> Retire(HttpContext http, string code, ReferenceGateway reference)
    {
        if (Forbidden(http) is { } forbidden) return forbidden;
        var data = reference.Current;
        if (data.Catalogue.Find(code) is not { } current) return Problem.NotFound($"Item {ProblemText.Shown(code)} was not found.");
        if (current.Status == ItemStatus.Retired) return TypedResults.Ok(CatalogueViews.From(current, data)); // already: nothing to do

        var answer = await reference.Change(new ItemRetired(code), http.RequestAborted);
        if (answer.Problem is { } problem) return problem;
        return TypedResults.Ok(CatalogueViews.From(reference.Current.Catalogue.Find(code)!, reference.Current));
    }

    private static IResult? Forbidden(HttpContext http) =>
        Caller.From(http.User) is { Role: Roles.Operator } ? null : Problem.Forbidden("Only operators change the catalogue.");

    /// <summary>The item a body describes: the current version (revise) or the rules' derivation (add), with every
    /// field the body gives put over it; then checked as a whole.</summary>
    internal static (CatalogueItem? Item, Dictionary<string, string[]> Errors) Build(ItemBody body, string code, CatalogueItem? current, ReferenceData data)
    {
        var errors = new Dictionary<string, string[]>();
        var name = body.Name?.Trim() ?? current?.Name;
        if (string.IsNullOrWhiteSpace(name)) Add(errors, "name", "The item's name (事项名称) is required.");
        if (body.Batch is < 0) Add(errors, "batch", "batch is 0 (added later, in no printed batch) or more.");
        if (body.Seq is < 0) Add(errors, "seq", "seq is 0 or more.");
        var districtNames = body.DistrictUnits is null ? current?.DistrictUnits ?? [] : DistrictNames(body.DistrictUnits, data, errors);
        var cityLead = body.CityLead?.Trim() ?? current?.CityLead ?? "";
        var scenario = body.Scenario?.Trim() ?? current?.Scenario ?? "";
        if (errors.Count > 0) return (null, errors);

        var source = new SourceItem(code, body.Batch ?? current?.Batch ?? 0, body.Seq ?? current?.Seq ?? 0, name!, scenario, cityLead,
            Clean(body.CityCooperating) ?? current?.CityCooperating ?? [], string.Join("、", districtNames), districtNames,
            Clean(body.Notes) ?? current?.Notes ?? [], body.DeadlineText is null ? current?.DeadlineText : NullIfBlank(body.DeadlineText));
        var modes = body.Modes?.Distinct().ToList() ?? current?.Modes ?? CatalogueRules.Modes(source);
        var isNew = current is null;
        RoutingPlan routing;
        if (body.Routing is { } given) routing = RoutingFrom(given, data, errors);
        else if (!CatalogueRevision.Rederives(CatalogueRevision.Routing, isNew, body.Gives)) routing = current!.Routing;
        else
        {
            var candidates = CatalogueViews.DistrictUnitIds(districtNames, data).ToList();
            if (candidates.Count == 0 && KnownUnits.City.TryGetValue(cityLead, out var lead)) candidates.Add(lead);
            if (candidates.Count == 0)
                Add(errors, "routing", "No unit can take this item: give districtUnits, a city lead department the service knows, or routing.");
            routing = CatalogueRules.Routing(source, modes, candidates);
        }
        var item = new CatalogueItem(code, current?.Version ?? 1, current?.Status ?? ItemStatus.Active, source.Batch, source.Seq, source.Name,
            source.Scenario, source.CityLead, source.CityCooperating, source.DistrictUnits, source.Notes, source.DeadlineText, modes,
            body.RequiresOriginals ?? current?.RequiresOriginals ?? CatalogueRules.RequiresOriginals(source),
            body.PromisedDays ?? (CatalogueRevision.Rederives(CatalogueRevision.PromisedDays, isNew, body.Gives)
                ? CatalogueRules.PromisedDays(source, modes, TimeLimits.Default)
                : current!.PromisedDays),
            routing);
        Check(item, errors);
        return errors.Count > 0 ? (null, errors) : (item, errors);
    }

    private static void Check(CatalogueItem item, Dictionary<string, string[]> errors)
    {
        if (item.Modes.Count == 0) Add(errors, "modes", "Give at least one mode: online, proxy or joint.");
        if (CatalogueRevision.PromisedDaysProblem(item.PromisedDays, item.IsJoint, TimeLimits.Default) is { } days)
            Add(errors, CatalogueRevision.PromisedDays, days);
        if (item.Routing.Legs.Count == 0 && !errors.ContainsKey("routing")) Add(errors, "routing.legs", "The routing plan needs at least one leg.");
    }

    private static RoutingPlan RoutingFrom(RoutingBody body, ReferenceData data, Dictionary<string, string[]> errors)
    {
        var legs = new List<LegSpec>();
        var given = body.Legs ?? [];
        for (var n = 0; n < given.Count; n++)
        {
            var leg = given[n];
            var field = $"routing.legs[{n}]";
            if (leg is null) { Add(errors, field, "A leg is an object."); continue; }
            var candidates = (leg.Candidates ?? []).Select(c => c?.Trim() ?? "").ToList();
            if (candidates.Count == 0) Add(errors, $"{field}.candidates", "Name at least one unit id that may take the leg.");
            foreach (var unknown in candidates.Where(c => !data.Units.Contains(c)))
                Add(errors, $"{field}.candidates", $"Unknown unit id \"{ProblemText.Shown(unknown)}\" (see GET /units).");
            if (leg.Selector == UnitSelector.Fixed && candidates.Count > 1)
                Add(errors, $"{field}.candidates", "A fixed leg names exactly one unit.");
            if (leg.Order is < 1) Add(errors, $"{field}.order", "order is 1 or more.");
            legs.Add(new LegSpec(leg.Role, leg.Order ?? 1, leg.Selector, candidates.Distinct().ToList(), leg.OnlyWhenHomeIsLocal ?? false));
        }
        return new RoutingPlan(legs);
    }

    /// <summary>Unit ids or printed names, kept as printed names where the attachment has one (区公证处, 各镇街), else as ids.</summary>
    private static IReadOnlyList<string> DistrictNames(IReadOnlyList<string> given, ReferenceData data, Dictionary<string, string[]> errors)
    {
        var names = new List<string>();
        for (var n = 0; n < given.Count; n++)
        {
            var entry = given[n]?.Trim() ?? "";
            if (KnownUnits.District.ContainsKey(entry) || KnownUnits.PerTown.ContainsKey(entry)) names.Add(entry);
            else if (KnownUnits.District.FirstOrDefault(p => p.Value == entry) is { Key: not null } district) names.Add(district.Key);
            else if (data.Units.Contains(entry)) names.Add(entry);
            else if (data.Units.All.FirstOrDefault(u => u.Name == entry) is { } byName) names.Add(byName.Id);
            else Add(errors, $"districtUnits[{n}]", $"Unknown unit \"{ProblemText.Shown(entry)}\": give a unit id (see GET /units) or a name of the attachment.");
        }
        return names.Distinct().ToList();
    }

    internal static void CheckCode(string code, string field, Dictionary<string, string[]> errors)
    {
        if (code.Length is 0 or > MaxCodeLength) Add(errors, field, $"An item code is 1 to {MaxCodeLength} characters.");
        else if (code.Any(c => char.IsWhiteSpace(c) || c is '/' or '?' or '#' or '%' or '\\'))
            Add(errors, field, "An item code has no spaces and none of / ? # % \\ (it sits in URLs).");
    }

    private static IReadOnlyList<string>? Clean(IReadOnlyList<string>? list) =>
        list?.Select(s => s?.Trim() ?? "").Where(s => s.Length > 0).ToList();

    private static string? NullIfBlank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static int? ParseInt(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        Add(errors, field, $"{field} is a whole number.");
        return null;
    }

    private static void Merge(Dictionary<string, string[]> into, Dictionary<string, string[]> from)
    {
        foreach (var (key, messages) in from)
            into[key] = into.TryGetValue(key, out var had) ? [.. had, .. messages] : messages;
    }

    internal static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var had) ? [.. had, message] : [message];
}
