using KuaSheng.Api.Audit;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using KuaSheng.Actors.Reference;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Catalogue;
using KuaSheng.Api.Problems;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Regions;
using KuaSheng.Domain.Units;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KuaSheng.Api.Units;

/// <summary>实施单位: the unit directory (built-in Qijiang and Chongqing units, external units registered by operators)
/// and each unit's worklist and overdue list (<see cref="UnitWorkEndpoints"/>).</summary>
public static partial class UnitEndpoints
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();

    public static IServiceCollection AddUnitEndpoints(this IServiceCollection services) => ReferenceGateway.Register(services);

    public static RouteGroupBuilder MapUnitEndpoints(this RouteGroupBuilder api)
    {
        var units = api.MapGroup("/units").RequireAuthorization().WithTags("Units").Audited();
        units.MapGet("/", List).WithSummary("Find units")
            .WithDescription("Filters: q (text in id or name), region (GB/T 2260 prefix: 500110 finds the district and its towns), " +
                             "level (city | district | town | external).")
            .Produces<UnitList>().ProducesProblem(StatusCodes.Status400BadRequest);
        units.MapGet("/{id}", Get).WithSummary("One unit").Produces<UnitView>().ProducesProblem(StatusCodes.Status404NotFound);
        units.MapPost("/", Register).WithSummary("Register an external unit (operator)")
            .WithDescription("201 for a new unit, 200 when the id was registered before (its name, region, kind and items are replaced). " +
                             "Built-in ids are refused with 409.")
            .Accepts<RegisterUnitBody>("application/json")
            .Produces<UnitView>(StatusCodes.Status201Created).Produces<UnitView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api.MapUnitWorkEndpoints(units);
    }

    private static IResult List(string? q, string? region, string? level, ReferenceGateway reference)
    {
        UnitLevel? wanted = null;
        if (!string.IsNullOrWhiteSpace(level))
        {
            if (!Enum.TryParse<UnitLevel>(level, ignoreCase: true, out var parsed) || !level.All(char.IsAsciiLetterLower))
                return Problem.Validation("level", "level is city, district, town or external.");
            wanted = parsed;
        }
        if (!string.IsNullOrWhiteSpace(region) && (region.Length > 9 || !region.All(char.IsAsciiDigit)))
            return Problem.Validation("region", "region is a GB/T 2260 code or its prefix: up to 9 digits.");
        var data = reference.Current;
        return TypedResults.Ok(new UnitList(data.Units.Search(q?.Trim(), region?.Trim(), wanted).Select(u => UnitViews.From(u, data)).ToList()));
    }

    private static IResult Get(string id, ReferenceGateway reference)
    {
        var data = reference.Current;
        return data.Units.Find(id) is { } unit ? TypedResults.Ok(UnitViews.From(unit, data)) : Problem.NotFound($"Unit {ProblemText.Shown(id)} was not found.");
    }

    private static async Task<IResult> Register(HttpContext http, RegisterUnitBody body, ReferenceGateway reference)
    {
        if (Caller.From(http.User) is not { Role: Roles.Operator })
            return Problem.Forbidden("Only operators register units.");
        var data = reference.Current;
        var errors = new Dictionary<string, string[]>();
        var name = body.Name?.Trim() ?? "";
        var region = body.Region?.Trim() ?? "";
        if (name.Length == 0) CatalogueEndpoints.Add(errors, "name", "The unit's name is required.");
        else if (name.Length > 200) CatalogueEndpoints.Add(errors, "name", "A unit name is at most 200 characters.");
        if (!RegionCode.IsWellFormed(region) || region.Length != 6)
            CatalogueEndpoints.Add(errors, "region", "region is a 6-digit GB/T 2260 code (e.g. 520322 for 桐梓县).");
        if (body.Level is { } level && level != UnitLevel.External)
            CatalogueEndpoints.Add(errors, "level", "Only external units are registered at run time (level: external).");
        if (body.Kind is not (UnitKind.Window or UnitKind.Department))
            CatalogueEndpoints.Add(errors, "kind", "kind is department (decides its items for its region) or window (receives through an integration).");
        var items = (body.Items ?? []).Select(i => i?.Trim() ?? "").ToList();
        for (var n = 0; n < items.Count; n++)
            if (data.Catalogue.Find(items[n]) is null) CatalogueEndpoints.Add(errors, $"items[{n}]", $"Unknown item code \"{ProblemText.Shown(items[n])}\" (see GET /catalogue/items).");
        if (body.Kind == UnitKind.Department && items.Count == 0)
            CatalogueEndpoints.Add(errors, "items", "A department handles at least one item.");
        var id = string.IsNullOrWhiteSpace(body.Id) ? DefaultId(region, name) : body.Id.Trim();
        http.SetAuditTarget(id);
        if (!IdPattern().IsMatch(id))
            CatalogueEndpoints.Add(errors, "id", "A unit id is 1 to 64 lowercase letters, digits or '-', starting with a letter or digit.");
        if (errors.Count > 0) return Problem.Validation(errors);
        if (data.Units.Find(id) is { IsExternal: false })
            return Problem.Conflict($"{ProblemText.Shown(id)} is a built-in unit; choose another id for the external unit.");

        var existed = data.Units.Contains(id);
        var unit = new Unit(id, name, region, UnitLevel.External, body.Kind!.Value, null, items.Distinct().ToList());
        var answer = await reference.Change(new ExternalUnitRegistered(unit), http.RequestAborted);
        if (answer.Problem is { } problem) return problem;
        var view = UnitViews.From(reference.Current.Units.Find(id) ?? unit, reference.Current);
        return existed ? TypedResults.Ok(view) : TypedResults.Created($"{KuaShengApi.Prefix}/units/{id}", view);
    }

    /// <summary><c>ext-{region}-{slug}</c>: the ASCII words of the name, or (for a Chinese name) 8 hex digits of its hash,
    /// so that registering the same name and region again updates the same unit.</summary>
    internal static string DefaultId(string region, string name)
    {
        var slug = NotSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');
        if (slug.Length == 0 || slug.Length > 40)
            slug = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name))).Substring(0, 8);
        return $"ext-{region}-{slug}";
    }
}
