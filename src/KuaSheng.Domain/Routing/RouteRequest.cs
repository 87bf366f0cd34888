using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Units;

namespace KuaSheng.Domain.Routing;

/// <summary>Where a case is going: the applicant's home region, where they apply, and for joint items the other place.</summary>
/// <param name="HomeRegion">GB/T 2260 code of the applicant's home (declared, or the ID number's first six digits).</param>
/// <param name="TownCode">9-digit town or street code when known: it picks the town's own unit (各镇街 / 各派出所 / 各市场监管所).</param>
/// <param name="CounterpartRegion">转出地 / 迁出地 of a joint item.</param>
/// <param name="ReceivingRegion">Region of the receiving window (收件地), ours or another province's; null for online cases.</param>
/// <param name="ReceivedExternally">The receiving window is an external unit (another place's window, through an integration).</param>
public sealed record RouteRequest(
    string HomeRegion,
    string? TownCode,
    string? CounterpartRegion,
    string? ReceivingRegion = null,
    bool ReceivedExternally = false)
{
    /// <summary>The request for an application as intake checked it: received at <paramref name="receiving"/> (a window or
    /// integration case), or online when null (then the applicant's region is the declared one for joint items).</summary>
    public static RouteRequest For(Applicant applicant, Unit? receiving, string? counterpartRegion) =>
        new(applicant.Region, applicant.TownCode, counterpartRegion, receiving?.Region, receiving is { IsExternal: true });
}
