using KuaSheng.Api.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace KuaSheng.Host.Configuration;

/// <summary>
/// Kestrel's limits against slow or oversized clients, configuration section <c>KuaSheng:Http</c>: how long a client may
/// take to send its request headers, how slowly it may send a body or read an answer, how long an idle connection stays
/// open; bodies over 1 MB are refused for every endpoint (the API answers 413 <c>payload-too-large</c>); and no
/// <c>Server</c> header telling what runs here. A request, once read, is limited by what it waits for (an entity 15 s,
/// the database 10 s), not by a timer of its own: a timer would cut a command off after it was sent, leaving its caller
/// unsure whether it was applied.
/// </summary>
public sealed class HttpLimits
{
    public const string Section = "KuaSheng:Http";

    /// <summary>Time to receive the request line and headers (Kestrel's default: 30 s).</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time an idle keep-alive connection stays open (Kestrel's default: 130 s).</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The slowest a client may send a body, or read an answer, after a 5 s grace period (bytes per second).</summary>
    public double MinDataRateBytesPerSecond { get; set; } = 240;

    public static HttpLimits From(IConfiguration configuration) => configuration.GetSection(Section).Get<HttpLimits>() ?? new HttpLimits();

    public static void Apply(KestrelServerOptions kestrel, HttpLimits limits)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = ApiErrorMiddleware.MaxBodyBytes;
        kestrel.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
        kestrel.Limits.KeepAliveTimeout = limits.KeepAliveTimeout;
        var grace = TimeSpan.FromSeconds(5);
        kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinDataRateBytesPerSecond, grace);
        kestrel.Limits.MinResponseDataRate = new MinDataRate(limits.MinDataRateBytesPerSecond, grace);
    }
}
