using Microsoft.AspNetCore.Http;

namespace KuaSheng.Api.Hardening;

/// <summary>
/// The headers a reviewer expects on every answer of the node (API, problems, health, metrics, OpenAPI document and
/// reference page alike), set when the answer starts so that no writer can drop them: no MIME sniffing, no framing, no
/// referrer, and a Content-Security-Policy that allows nothing for data answers and only the page's own origin for
/// HTML (the <c>/scalar</c> reference, whose script and styles are served by the node itself): its inline script runs
/// by the nonce the page put on it (<see cref="NonceItemKey"/>), no other inline script does.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>For JSON, CSV, xlsx and text answers: nothing may be loaded or run, nothing may frame it.</summary>
    public const string DataPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>Where an HTML page leaves the nonce of its script tags for this policy (Scalar's key).</summary>
    public const string NonceItemKey = Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey;

    /// <summary>For HTML: scripts, styles, fonts and requests to this origin only; inline script only with the page's
    /// nonce; inline styles because the reference page's components set styles at run time; images also as data: URIs.</summary>
    public static string HtmlPolicy(string? nonce) =>
        $"default-src 'self'; script-src 'self'{(string.IsNullOrEmpty(nonce) ? "" : $" 'nonce-{nonce}'")}; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>The web console's pages (<see cref="ConsolePath"/>): scripts and styles from this origin only, none inline
    /// (htmx runs without eval and without inline styles), images also as data: URIs (Pico's icons), forms only to this
    /// origin, no framing.</summary>
    public const string ConsolePolicy =
        // form-action last: ConsolePolicyWith appends to it.
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>Where a console request leaves the origins its forms may also be sent to (the identity provider's, when
    /// the console signs in with it): a sign-out form is answered with a redirect to the provider's end-session endpoint,
    /// and browsers hold every redirect of a form's navigation to <c>form-action</c>.</summary>
    public const string ConsoleFormTargetsItemKey = "kuasheng.console.form-targets";

    /// <summary><see cref="ConsolePolicy"/>, its forms also allowed to <paramref name="formTargets"/> (origins, space
    /// separated).</summary>
    public static string ConsolePolicyWith(string? formTargets) =>
        string.IsNullOrWhiteSpace(formTargets) ? ConsolePolicy : $"{ConsolePolicy} {formTargets}";

    /// <summary>Where the web console lives.</summary>
    public const string ConsolePath = "/console";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = !IsHtml(http.Response.ContentType) ? DataPolicy
                : http.Request.Path.StartsWithSegments(ConsolePath) ? ConsolePolicyWith(http.Items[ConsoleFormTargetsItemKey] as string)
                : HtmlPolicy(http.Items[NonceItemKey] as string);
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    private static bool IsHtml(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
}
