using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KuaSheng.Console.Localization;

/// <summary>
/// The console's language: Chinese (zh-CN) first, English second. <c>?lang=en</c> or <c>?lang=zh</c> switches and is
/// kept in a cookie (<see cref="CookieName"/>, a year, this path only); without either, zh-CN. Sets the request's culture
/// for the pages under <c>/console</c> only: the API answers are not localized.
/// </summary>
public static class ConsoleLanguage
{
    public const string CookieName = "ks-lang";
    public const string QueryName = "lang";
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    /// <summary>The <c>lang</c> attribute of the page: <c>zh-CN</c> or <c>en</c>.</summary>
    public static string HtmlLang => IsEnglish(CultureInfo.CurrentUICulture) ? "en" : "zh-CN";

    public static CultureInfo Pick(string? query, string? cookie) =>
        (query ?? cookie) switch
        {
            "en" => English,
            _ => Chinese,
        };

    public static IApplicationBuilder UseConsoleLanguage(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var query = http.Request.Query[QueryName].ToString() is { Length: > 0 } q && q is "en" or "zh" ? q : null;
            var culture = Pick(query, http.Request.Cookies[CookieName]);
            if (query is not null)
                http.Response.Cookies.Append(CookieName, query, new CookieOptions
                {
                    Path = "/console", HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps,
                    MaxAge = TimeSpan.FromDays(365), IsEssential = true,
                });
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            await next(http);
        });
}
