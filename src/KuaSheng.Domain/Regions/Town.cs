namespace KuaSheng.Domain.Regions;

/// <summary>A town-level division (乡级行政区划) with its 9-digit code.</summary>
public sealed record Town(string Code, string Name, TownKind Kind);

public enum TownKind
{
    /// <summary>街道: an urban sub-district.</summary>
    Street,

    /// <summary>镇: a town.</summary>
    Town,
}
