using Akka.Actor;

namespace KuaSheng.Api.Admin;

/// <summary>A member's address as an operator types it: a whole remote address (protocol, system, host and port) and
/// nothing else, so that a typo is a 400 rather than "no such member".</summary>
public static class MemberAddress
{
    public static Address? Parse(string? text)
    {
        var trimmed = text?.Trim().TrimEnd('/');
        if (string.IsNullOrEmpty(trimmed) || !ActorPath.TryParseAddress(trimmed, out var address)) return null;
        if (string.IsNullOrEmpty(address.Host) || address.Port is not > 0) return null;
        // TryParseAddress also takes an actor path and keeps its address part: refuse anything beyond the address.
        return string.Equals(address.ToString(), trimmed, StringComparison.Ordinal) ? address : null;
    }
}
