using KuaSheng.Domain.Routing;

namespace KuaSheng.Domain.Catalogue;

/// <summary>办理模式: how an item can be handled across provinces.</summary>
public enum HandlingMode
{
    /// <summary>全程网办: applied and handled online, no window.</summary>
    Online,
    /// <summary>异地代收代办: a window elsewhere receives, the home unit decides.</summary>
    Proxy,
    /// <summary>多地联办: units in several places handle one case together.</summary>
    Joint,
}

public enum ItemStatus { Active, Retired }

/// <summary>
/// One catalogue entry (事项) at one version: the facts the seed prints, plus what we derive
/// (modes, originals, promised working days, routing plan). A case keeps the version it was submitted under.
/// </summary>
public sealed record CatalogueItem(
    string Code,
    int Version,
    ItemStatus Status,
    int Batch,
    int Seq,
    string Name,
    string Scenario,
    string CityLead,
    IReadOnlyList<string> CityCooperating,
    IReadOnlyList<string> DistrictUnits,
    IReadOnlyList<string> Notes,
    string? DeadlineText,
    IReadOnlyList<HandlingMode> Modes,
    bool RequiresOriginals,
    int PromisedDays,
    RoutingPlan Routing)
{
    public bool Supports(HandlingMode mode) => Modes.Contains(mode);
    public bool IsJoint => Modes.Contains(HandlingMode.Joint);
}
