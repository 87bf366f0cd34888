namespace KuaSheng.Domain.Units;

/// <summary>Administrative level of a unit (层级).</summary>
public enum UnitLevel { City, District, Town, External }

/// <summary>What a unit does with cases.</summary>
public enum UnitKind
{
    /// <summary>窗口: receives and checks applications, never decides (收受分离).</summary>
    Window,
    /// <summary>实施单位 / 业务属地部门: accepts forwarded legs and decides.</summary>
    Department,
    /// <summary>镇街便民服务中心: a town or street centre both receives and handles the items listed for 各镇街.</summary>
    ServiceCentre,
}

/// <summary>An implementing unit (实施单位) or window.</summary>
/// <param name="Region">GB/T 2260 code: 6 digits, 9 for towns and streets.</param>
/// <param name="Items">For external units: the catalogue item codes it handles for its region. Built-in units get
/// their items from the catalogue.</param>
public sealed record Unit(
    string Id,
    string Name,
    string Region,
    UnitLevel Level,
    UnitKind Kind,
    string? ParentId,
    IReadOnlyList<string> Items)
{
    public bool CanReceive => Kind is UnitKind.Window or UnitKind.ServiceCentre;
    public bool CanDecide => Kind is UnitKind.Department or UnitKind.ServiceCentre;
    public bool IsExternal => Level == UnitLevel.External;
}
