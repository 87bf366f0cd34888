using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Embedded;
using Microsoft.Extensions.Primitives;

namespace KuaSheng.Console.Assets;

/// <summary>
/// The console's CSS and scripts (ours in <c>wwwroot/css</c> and <c>wwwroot/js</c>; htmx, ECharts and Pico vendored by
/// <c>ops/console-assets.sh</c> into <c>wwwroot/lib</c>), embedded in this assembly as <c>console-assets/PATH</c> and
/// served under <see cref="RequestPath"/> by the node itself: nothing comes from another host.
/// </summary>
public static class ConsoleAssets
{
    public const string RequestPath = "/console/assets";
    private const string Prefix = "console-assets/";

    /// <summary>The URL of an asset, e.g. <c>Url("lib/htmx.min.js")</c>, with the build's version so that a browser
    /// never keeps a file of an older node.</summary>
    public static string Url(string path) => $"{RequestPath}/{path}?v={Version}";

    private static readonly string Version =
        typeof(ConsoleAssets).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    public static IApplicationBuilder UseConsoleAssets(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = RequestPath,
            FileProvider = new EmbeddedAssets(typeof(ConsoleAssets).Assembly),
            // Versioned URLs: cacheable for a day; a new build has a new version.
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "public, max-age=86400",
        });

    /// <summary>Whether every vendored file is in the build (a test checks it; without them the pages lose htmx).</summary>
    public static IReadOnlyList<string> Missing() =>
        Vendored.Where(n => typeof(ConsoleAssets).Assembly.GetManifestResourceInfo(Prefix + n) is null).ToList();

    private static readonly string[] Vendored = ["lib/htmx.min.js", "lib/echarts.min.js", "lib/pico.min.css"];

    private sealed class EmbeddedAssets(Assembly assembly) : IFileProvider
    {
        private readonly DateTimeOffset _built = File.GetLastWriteTimeUtc(assembly.Location) is var t && t.Year > 2000
            ? new DateTimeOffset(t, TimeSpan.Zero) : DateTimeOffset.UtcNow;

        public IFileInfo GetFileInfo(string subpath)
        {
            var name = Prefix + subpath.TrimStart('/');
            if (name.Contains("..", StringComparison.Ordinal) || assembly.GetManifestResourceInfo(name) is null)
                return new NotFoundFileInfo(subpath);
            return new EmbeddedResourceFileInfo(assembly, name, Path.GetFileName(subpath), _built);
        }

        public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

        public IChangeToken Watch(string filter) => NullChangeToken.Singleton;
    }
}
