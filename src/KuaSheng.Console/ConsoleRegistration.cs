using KuaSheng.Console.Assets;
using KuaSheng.Console.Auth;
using KuaSheng.Console.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.WebEncoders;

namespace KuaSheng.Console;

/// <summary>Settings of the console (configuration section <c>KuaSheng:Console</c>).</summary>
public sealed class ConsoleSettings
{
    public const string Section = "KuaSheng:Console";

    /// <summary>Where the keys that protect the console's cookies (sign-in, anti-forgery) are kept; default
    /// <c>DataDir/console-keys</c>. Nodes behind one load balancer must share it (a mounted volume), or a cookie
    /// issued by one node is refused by the next.</summary>
    public string? KeysDir { get; set; }

    /// <summary>The console as a client of the identity provider (<c>KuaSheng:Console:Oidc</c>): production sign-in.</summary>
    public ConsoleOidcSettings Oidc { get; set; } = new();
}

/// <summary>
/// The web console (工作台) at <c>/console</c>, on the node's own port. <b>Razor Pages</b>, not Razor components: every
/// screen is a page of forms and tables with its own handlers (GET to show, POST to act), anti-forgery and model binding
/// built in, partial views for htmx to swap in — no circuit, no WebSocket, nothing to keep per user on the node, and
/// every page works without JavaScript (htmx only refreshes parts).
/// </summary>
public static class ConsoleRegistration
{
    /// <param name="provider">The identity provider the API trusts (<c>KuaSheng:Auth:Oidc</c>), which the console signs in
    /// with when <see cref="ConsoleSettings.Oidc"/> names its client.</param>
    public static IServiceCollection AddKuaShengConsole(this IServiceCollection services, ConsoleSettings settings, string dataDir,
        Api.Auth.OidcSettings provider)
    {
        services.AddSingleton(settings);
        services.AddSingleton<Cases.ConsoleCases>();
        services.AddSingleton<Cases.ConsoleDue>();
        services.AddDataProtection().SetApplicationName("KuaSheng")
            .PersistKeysToFileSystem(new DirectoryInfo(settings.KeysDir ?? Path.Combine(dataDir, "console-keys")));
        services.AddConsoleAuth();
        services.AddConsoleOidc(settings.Oidc, provider);
        // Chinese as it is in the page, not as &#x...; entities (Razor's encoder encodes only what must be).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ks-console-af";
            o.Cookie.Path = "/console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__RequestVerificationToken";
            // X-Frame-Options is the node's (DENY, SecurityHeaders), not the anti-forgery's SAMEORIGIN.
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/", ConsoleAuth.Policy);
                o.Conventions.AllowAnonymousToPage("/SignIn");
                o.Conventions.AllowAnonymousToPage("/Public/Lookup");
            })
            // The pages live in this assembly: found by name whatever the entry assembly is (a test runner too), once.
            .ConfigureApplicationPartManager(parts =>
            {
                var assembly = typeof(ConsoleRegistration).Assembly;
                if (parts.ApplicationParts.Any(p => p.Name == assembly.GetName().Name)) return;
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    parts.ApplicationParts.Add(part);
            });
        return services;
    }

    /// <summary>Language, the console's files and its pages; after the API's middleware (authentication among them).</summary>
    public static WebApplication UseKuaShengConsole(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/console"), console => console.UseConsoleLanguage().UseProviderFormTarget());
        app.UseConsoleAssets();
        app.MapRazorPages();
        return app;
    }
}
