namespace KuaSheng.Api.Hardening;

/// <summary>Per-address limits of the endpoints that take no token, configuration section <c>KuaSheng:RateLimits</c>.
/// The dev configurations raise them for scripts and benchmarks on loopback (one address for everything).</summary>
public sealed class RateLimitSettings
{
    public const string Section = "KuaSheng:RateLimits";

    /// <summary>The public look-up and rating (办件查询, 好差评): each guess of a query code costs one.</summary>
    public WindowLimit Public { get; set; } = new() { PermitLimit = 30 };

    /// <summary>Every other endpoint of the API that takes no token (calendar, dev token and clock where enabled).</summary>
    public WindowLimit TokenLess { get; set; } = new() { PermitLimit = 300 };
}

/// <summary>At most <see cref="PermitLimit"/> requests per client address in each fixed <see cref="Window"/>; 0 or less:
/// no limit.</summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
