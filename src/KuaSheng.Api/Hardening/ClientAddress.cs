using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace KuaSheng.Api.Hardening;

/// <summary>Who a client is for the per-address rate limits: its IPv4 address, or the /64 network of its IPv6 address
/// (one subscriber usually holds a whole /64, so a single address would be free to change). Behind a reverse proxy the
/// remote address is the proxy's unless forwarded headers are trusted (SECURITY.md).</summary>
public static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string Of(HttpContext http) => Of(http.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null) return Unknown;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
