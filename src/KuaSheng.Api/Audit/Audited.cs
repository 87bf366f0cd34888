using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KuaSheng.Api.Audit;

/// <summary>Endpoint metadata: every request to this endpoint other than a GET leaves an audit record, whatever its
/// outcome (<see cref="AuditMiddleware"/>). An attribute too, so that a console page's POST handlers are audited like
/// the admin API they share their services with.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuditedEndpoint : Attribute
{
    public static readonly AuditedEndpoint Instance = new();
}

public static class AuditedEndpoints
{
    private const string TargetItem = "kuasheng.audit.target";

    /// <summary>Marks the endpoint(s) as audited.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AuditedEndpoint.Instance);

    /// <summary>Names the target of this request when the route does not (a new unit's id, an item code from the body,
    /// a member's address).</summary>
    public static void SetAuditTarget(this HttpContext http, string? target) => http.Items[TargetItem] = target;

    public static string? AuditTarget(this HttpContext http) => http.Items[TargetItem] as string;
}
