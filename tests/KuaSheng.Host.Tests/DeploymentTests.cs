using System.Globalization;
using System.Reflection;
using KuaSheng.Actors.Hosting;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Idempotency;
using KuaSheng.Host.Configuration;
using KuaSheng.Host.Lifecycle;
using Microsoft.AspNetCore.Routing;
using YamlDotNet.RepresentationModel;

namespace KuaSheng.Host.Tests;

/// <summary>The deployment files of <c>ops/deploy/</c> against the code (issue 11.4): exit codes, probes, ports,
/// seeds and every environment variable's configuration key.</summary>
public sealed class DeploymentTests
{
    private static string Deploy(params string[] parts) => Path.Combine([TestPaths.RepositoryRoot, "ops", "deploy", .. parts]);

    // ---- configuration keys -------------------------------------------------------------------------------------

    /// <summary>The option classes each <c>KuaSheng:</c> section binds to.</summary>
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Auth"] = typeof(AuthSettings),
        ["Logging"] = typeof(LoggingSettings),
        ["Idempotency"] = typeof(IdempotencySettings),
        ["QueryCodes"] = typeof(Api.Public.QueryCodeSettings),
        ["RateLimits"] = typeof(Api.Hardening.RateLimitSettings),
        ["Http"] = typeof(HttpLimits),
        ["Console"] = typeof(KuaSheng.Console.ConsoleSettings),
    };

    /// <summary>Whether an environment variable names a setting the node reads (KuaSheng__A__B: a settable property path).</summary>
    private static bool IsKnownKey(string variable)
    {
        var parts = variable.Split("__");
        if (!parts[0].Equals(KuaShengNode.Section, StringComparison.OrdinalIgnoreCase)) return false;
        Type type = parts.Length > 1 && Sections.TryGetValue(parts[1], out var section) ? section : typeof(KuaShengOptions);
        var rest = type == typeof(KuaShengOptions) ? parts.Skip(1) : parts.Skip(2);
        foreach (var part in rest)
        {
            if (type.IsArray)
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _)) return false;
                type = type.GetElementType()!;
                continue;
            }
            var property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || property.SetMethod is not { IsPublic: true }) return false;
            type = property.PropertyType;
        }
        return true;
    }

    [Fact]
    public void The_key_check_itself_tells_known_keys_from_unknown_ones()
    {
        Assert.True(IsKnownKey("KuaSheng__Cluster__Tls__CertificatePasswordFile"));
        Assert.True(IsKnownKey("KuaSheng__Cluster__Seeds__1"));
        Assert.True(IsKnownKey("KuaSheng__Auth__SigningKey"));
        Assert.False(IsKnownKey("KuaSheng__Auth__SigningKeyFile"));
        Assert.False(IsKnownKey("KuaSheng__Cluster__Seeds__first"));
        Assert.False(IsKnownKey("KuaSheng__Cluster__AddressHost")); // computed, not settable
    }

    // ---- systemd ------------------------------------------------------------------------------------------------

    private static List<(string Key, string Value)> Unit(string path) =>
        File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('[') && l.Contains('='))
            .Select(l => (l[..l.IndexOf('=')], l[(l.IndexOf('=') + 1)..])).ToList();

    private static IEnumerable<string> EnvironmentFile(string path) =>
        File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l[..l.IndexOf('=')]);

    [Fact]
    public void The_systemd_unit_restarts_a_node_that_exits_3_and_not_one_that_exits_0()
    {
        var unit = Unit(Deploy("systemd", "kuasheng@.service"));
        string One(string key) => Assert.Single(unit, e => e.Key == key).Value;

        Assert.Equal("on-failure", One("Restart"));
        Assert.Contains(ActorSystemWatcher.TerminatedExitCode.ToString(CultureInfo.InvariantCulture), One("RestartForceExitStatus").Split(' '));
        Assert.Contains("0", One("SuccessExitStatus").Split(' '));
        Assert.DoesNotContain("0", One("RestartForceExitStatus").Split(' '));
        // SIGTERM is the graceful leave; the host allows itself 30 s to stop, systemd must wait longer before SIGKILL.
        Assert.Equal("SIGTERM", One("KillSignal"));
        Assert.True(int.Parse(One("TimeoutStopSec"), CultureInfo.InvariantCulture) > 30);
        var exec = One("ExecStart");
        Assert.Contains("KuaSheng.Host.dll", exec);
        var config = exec.Split(' ').SkipWhile(a => a != "--config").Skip(1).First();
        Assert.True(File.Exists(Path.Combine(TestPaths.RepositoryRoot, ClusterConfigFiles.Folder, config + ".json")), config);

        var variables = unit.Where(e => e.Key == "Environment").Select(e => e.Value[..e.Value.IndexOf('=')])
            .Concat(EnvironmentFile(Deploy("systemd", "kuasheng.env.example")))
            .Concat(EnvironmentFile(Deploy("systemd", "1.env.example"))).ToList();
        Assert.All(variables.Where(v => v.StartsWith("KuaSheng", StringComparison.OrdinalIgnoreCase)), v => Assert.True(IsKnownKey(v), v));
        // Every credential the unit loads is handed to the node as a *File setting.
        foreach (var credential in unit.Where(e => e.Key == "LoadCredential").Select(e => e.Value[..e.Value.IndexOf(':')]))
            Assert.Contains(unit, e => e.Key == "Environment" && e.Value.EndsWith("File=%d/" + credential, StringComparison.Ordinal));
    }

    // ---- Kubernetes ---------------------------------------------------------------------------------------------

    private static List<YamlMappingNode> Manifests()
    {
        var documents = new List<YamlMappingNode>();
        foreach (var file in Directory.GetFiles(Deploy("k8s"), "*.yaml"))
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            documents.AddRange(stream.Documents.Select(d => (YamlMappingNode)d.RootNode));
        }
        return documents;
    }

    private static YamlMappingNode Kind(List<YamlMappingNode> documents, string kind, string? name = null) =>
        Assert.Single(documents, d => S(d, "kind") == kind && (name is null || S(d["metadata"], "name") == name));

    private static string? S(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    private static YamlNode N(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current)[key]);

    private static IEnumerable<YamlMappingNode> Items(YamlNode node, params string[] path) => ((YamlSequenceNode)N(node, path)).Cast<YamlMappingNode>();

    private static Dictionary<string, string> Labels(YamlNode node) =>
        ((YamlMappingNode)node).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!);

    [Fact]
    public void The_StatefulSet_probes_ports_seeds_secrets_and_stop_match_the_node()
    {
        var documents = Manifests();
        var set = Kind(documents, "StatefulSet");
        var spec = N(set, "spec");
        Assert.Equal("3", S(spec, "replicas"));
        var podLabels = Labels(N(spec, "template", "metadata", "labels"));
        Assert.Equal(Labels(N(spec, "selector", "matchLabels")), podLabels);
        var pod = N(spec, "template", "spec");
        var container = Assert.Single(Items(pod, "containers"));
        var env = Items(container, "env").ToDictionary(e => S(e, "name")!, e => S(e, "value"));

        // Probes: the paths the node maps, on the port it serves HTTP on.
        var endpoints = MappedPaths();
        var ports = Items(container, "ports").ToDictionary(p => S(p, "name")!, p => int.Parse(S(p, "containerPort")!, CultureInfo.InvariantCulture));
        Assert.Equal(ports["http"], new Uri(env["ASPNETCORE_URLS"]!.Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port);
        Assert.Equal(ports["akka"], int.Parse(env["KuaSheng__Cluster__Port"]!, CultureInfo.InvariantCulture));
        foreach (var (probe, path) in new[] { ("readinessProbe", "/readyz"), ("livenessProbe", "/healthz") })
        {
            Assert.Equal(path, S(N(container, probe, "httpGet"), "path"));
            Assert.Equal("http", S(N(container, probe, "httpGet"), "port"));
            Assert.Contains(path, endpoints);
        }

        // Seeds: the stable names of the first pods through the headless service, with the scheme TLS gives addresses.
        var headless = Kind(documents, "Service", S(spec, "serviceName"));
        Assert.Equal("None", S(N(headless, "spec"), "clusterIP"));
        Assert.Equal("true", S(N(headless, "spec"), "publishNotReadyAddresses"));
        Assert.Equal(podLabels, Labels(N(headless, "spec", "selector")));
        var tls = new TlsSettings { CertificatePath = env["KuaSheng__Cluster__Tls__CertificatePath"] };
        var set0 = S(N(set, "metadata"), "name");
        for (var i = 0; i < 2; i++)
            Assert.Equal($"{ClusterTls.Protocol(tls)}://{KuaShengAkka.SystemName}@{set0}-{i}.{S(spec, "serviceName")}:{ports["akka"]}",
                env[$"KuaSheng__Cluster__Seeds__{i}"]);
        Assert.Equal($"$(POD_NAME).{S(spec, "serviceName")}", env["KuaSheng__Cluster__PublicHostname"]);
        var args = ((YamlSequenceNode)container["args"]).Select(a => a.ToString()).ToList();
        var config = args[args.IndexOf("--config") + 1];
        Assert.Equal("production", config);
        Assert.True(File.Exists(Path.Combine(TestPaths.RepositoryRoot, ClusterConfigFiles.Folder, config + ".json")));

        // Every KuaSheng variable is a real setting; the files it names sit on mounted secrets.
        Assert.All(env.Keys.Where(k => k.StartsWith("KuaSheng", StringComparison.OrdinalIgnoreCase)), k => Assert.True(IsKnownKey(k), k));
        var secretVolumes = Items(pod, "volumes").Where(v => v.Children.ContainsKey("secret")).Select(v => S(v, "name")).ToHashSet();
        var secretMounts = Items(container, "volumeMounts").Where(m => secretVolumes.Contains(S(m, "name"))).Select(m => S(m, "mountPath")!).ToList();
        foreach (var key in new[] { "KuaSheng__Cluster__Tls__CertificatePath", "KuaSheng__Cluster__Tls__CertificatePasswordFile",
                     "KuaSheng__Cluster__Tls__CaCertificatePath", "KuaSheng__ConnectionStringFile", "KuaSheng__QueryCodes__SecretFile",
                     "KuaSheng__Console__Oidc__ClientSecretFile" })
            Assert.Contains(secretMounts, m => env[key]!.StartsWith(m + "/", StringComparison.Ordinal));
        // Production takes the identity provider's tokens only (issue 13.1): a provider and an audience, no signing key.
        Assert.StartsWith("https://", env["KuaSheng__Auth__Oidc__Authority"]);
        Assert.False(string.IsNullOrEmpty(env["KuaSheng__Auth__Oidc__Audience"]));
        Assert.DoesNotContain("KuaSheng__Auth__SigningKey", env.Keys);

        // Stop and restart: preStop sends the node SIGTERM (graceful leave, exit 0) within the grace period; every exit,
        // also code 3 after being downed, restarts the container.
        var preStop = string.Join(' ', ((YamlSequenceNode)N(container, "lifecycle", "preStop", "exec", "command")).Select(c => c.ToString()));
        Assert.Contains("kill -TERM 1", preStop);
        Assert.True(int.Parse(S(pod, "terminationGracePeriodSeconds")!, CultureInfo.InvariantCulture) > 30);
        Assert.Equal("Always", S(pod, "restartPolicy") ?? "Always");
    }

    [Fact]
    public void The_disruption_budget_and_the_client_service_cover_the_pods()
    {
        var documents = Manifests();
        var podLabels = Labels(N(Kind(documents, "StatefulSet"), "spec", "template", "metadata", "labels"));
        var budget = Kind(documents, "PodDisruptionBudget");
        Assert.Equal("1", S(N(budget, "spec"), "maxUnavailable"));
        Assert.Equal(podLabels, Labels(N(budget, "spec", "selector", "matchLabels")));
        var http = Kind(documents, "Service", "kuasheng-http");
        Assert.Equal(podLabels, Labels(N(http, "spec", "selector")));
        Assert.Equal("http", S(Assert.Single(Items(http, "spec", "ports")), "targetPort"));
    }

    /// <summary>The route patterns the node maps (built, not started).</summary>
    private static HashSet<string> MappedPaths()
    {
        var app = KuaShengNode.Build(KuaShengNode.CreateBuilder([], TextWriter.Null));
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToHashSet();
    }
}
