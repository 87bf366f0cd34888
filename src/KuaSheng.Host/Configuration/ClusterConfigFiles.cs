using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace KuaSheng.Host.Configuration;

/// <summary>Finds the node configuration file of <c>cluster-config/</c>: by the <c>--config NAME|PATH</c> flag, else the
/// <c>KUASHENG_CONFIG</c> environment variable, else <c>single-node</c>. A name is looked up in the <c>cluster-config</c>
/// folder beside the binary (the build copies it there), then in the working directory's <c>cluster-config</c>.</summary>
public static class ClusterConfigFiles
{
    public const string EnvironmentVariable = "KUASHENG_CONFIG";
    public const string FlagKey = "config";
    public const string DefaultName = "single-node";
    public const string Folder = "cluster-config";

    /// <summary>The full path of the chosen file; throws <see cref="FileNotFoundException"/> naming the places searched.</summary>
    public static string Resolve(string? flag, string? environment, string baseDirectory, string workingDirectory)
    {
        var choice = !string.IsNullOrWhiteSpace(flag) ? flag.Trim()
            : !string.IsNullOrWhiteSpace(environment) ? environment.Trim()
            : DefaultName;
        var candidates = Candidates(choice, baseDirectory, workingDirectory).ToList();
        foreach (var candidate in candidates)
            if (File.Exists(candidate)) return candidate;
        throw new FileNotFoundException(
            $"Node configuration '{choice}' not found (from --config or {EnvironmentVariable}); looked at: {string.Join(", ", candidates)}");
    }

    /// <summary>Puts the file under every other source, so appsettings, environment variables and arguments override it.</summary>
    public static void AddAsLowestPriority(IConfigurationBuilder configuration, string path)
    {
        var source = new JsonConfigurationSource { Path = path, Optional = false, ReloadOnChange = false };
        source.ResolveFileProvider();
        configuration.Sources.Insert(0, source);
    }

    private static IEnumerable<string> Candidates(string choice, string baseDirectory, string workingDirectory)
    {
        var looksLikePath = choice.Contains('/') || choice.Contains('\\') || choice.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        if (looksLikePath)
        {
            yield return Path.GetFullPath(choice, workingDirectory);
            yield break;
        }
        var file = choice + ".json";
        yield return Path.GetFullPath(Path.Combine(baseDirectory, Folder, file));
        yield return Path.GetFullPath(Path.Combine(workingDirectory, Folder, file));
    }
}
