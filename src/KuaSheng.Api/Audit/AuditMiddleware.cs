using KuaSheng.Api.Auth;
using KuaSheng.Api.Hardening;
using KuaSheng.Api.OpenApi;
using KuaSheng.Api.Problems;
using KuaSheng.Domain.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KuaSheng.Api.Audit;

/// <summary>
/// Looks at every answer once it is written: counts 401 and 403 (<see cref="AuthMetrics"/>), and records in the audit
/// trail every write to an <see cref="AuditedEndpoint"/> (catalogue, units, calendar, cluster, projections, dev
/// features) and every refused (401, 403) request under <c>/api/v1/admin</c>. Placed before authentication, so that it
/// sees the challenge's 401 too; the caller is read from the principal authentication left on the request.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, AuditQueue queue, TimeProvider time)
{
    private static readonly PathString Admin = KuaShengApi.Prefix + "/admin";

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception e) when (e is not OperationCanceledException && IsAudited(http, StatusCodes.Status500InternalServerError))
        {
            await queue.RecordAsync(Entry(http, StatusCodes.Status500InternalServerError, "internal-error"));
            throw;
        }
        var status = http.Response.StatusCode;
        if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
            AuthMetrics.Refused(status, AuthRefusals.Of(http, status));
        if (IsAudited(http, status)) await queue.RecordAsync(Entry(http, status, Problem.CodeOf(http)));
    }

    private static bool IsAudited(HttpContext http, int status) =>
        http.GetEndpoint()?.Metadata.GetMetadata<AuditedEndpoint>() is not null && !HttpMethods.IsGet(http.Request.Method)
            && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
        || status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden && http.Request.Path.StartsWithSegments(Admin);

    private AuditEntry Entry(HttpContext http, int status, string? code)
    {
        var user = http.User;
        var units = user.FindAll(TokenClaims.Units).Concat(user.FindAll(TokenClaims.Unit)).Select(c => c.Value).Distinct(StringComparer.Ordinal);
        var endpoint = http.GetEndpoint() as RouteEndpoint;
        var pattern = endpoint?.RoutePattern;
        var operation = pattern is null
            ? $"{http.Request.Method} (no endpoint)"
            : OperationIds.For(http.Request.Method, pattern.RawText);
        var target = http.AuditTarget() ?? (pattern is null ? null
            : string.Join('/', pattern.Parameters.Select(p => http.Request.RouteValues[p.Name]?.ToString()).Where(v => !string.IsNullOrEmpty(v))));
        return new AuditEntry(time.GetUtcNow(),
            AuditText.Safe(user.Identity?.IsAuthenticated == true ? user.FindFirst(TokenClaims.Subject)?.Value : null),
            AuditText.Safe(user.Identity?.IsAuthenticated == true ? user.FindFirst(TokenClaims.Role)?.Value : null),
            AuditText.Safe(string.Join(',', units)),
            operation, AuditText.Safe(target), ClientAddress.Of(http), status, code);
    }
}
