using Akka.Hosting;
using KuaSheng.Actors.Hosting;
using KuaSheng.Api;
using KuaSheng.Console;
using KuaSheng.Host.Configuration;
using KuaSheng.Host.Health;
using KuaSheng.Host.Metrics;
using KuaSheng.Host.Lifecycle;
using KuaSheng.Host.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace KuaSheng.Host;

/// <summary>
/// The composition root of a node, used by Program.cs and by the tests alike:
/// <see cref="CreateBuilder"/> reads configuration (cluster-config file, appsettings, environment, arguments) and
/// registers logging, the actor system and health; <see cref="Build"/> maps the endpoints; <see cref="RunAsync"/> runs
/// the node to its end and gives the process exit code.
/// </summary>
public static class KuaShengNode
{
    public const string Section = "KuaSheng";

    /// <summary>The host builder's switch for reloading appsettings on change, off.</summary>
    private const string NoConfigurationReload = "--hostBuilder:reloadConfigOnChange=false";

    /// <param name="args">Command-line arguments: <c>--config NAME|PATH</c>, <c>--urls</c>, <c>--KuaSheng:Key=value</c>...</param>
    /// <param name="logOutput">Where logs go instead of the console (tests).</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, TextWriter? logOutput = null)
    {
        // No reload-on-change of appsettings: its watcher covers the whole content root, where ./data lives, and woke
        // for every SQLite write (13% of the node's CPU under load). Configuration is read once at start.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. args, NoConfigurationReload] });
        var configFile = ClusterConfigFiles.Resolve(builder.Configuration[ClusterConfigFiles.FlagKey],
            Environment.GetEnvironmentVariable(ClusterConfigFiles.EnvironmentVariable), AppContext.BaseDirectory, Directory.GetCurrentDirectory());
        ClusterConfigFiles.AddAsLowestPriority(builder.Configuration, configFile);

        var options = ReadOptions(builder.Configuration);
        var logging = builder.Configuration.GetSection($"{Section}:Logging").Get<LoggingSettings>() ?? new LoggingSettings();
        var logger = KuaShengLogging.CreateLogger(logging, logOutput);
        // Akka.Logger.Serilog writes through the static logger: make it this node's.
        Log.Logger = logger;
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(logger, dispose: true);

        builder.Host.ConfigureHostOptions(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.WebHost.ConfigureKestrel(kestrel => HttpLimits.Apply(kestrel, HttpLimits.From(builder.Configuration)));
        builder.Services.AddSingleton(new NodeDescription(configFile, logging));
        builder.Services.AddKuaSheng(options, (akka, _) =>
        {
            akka.WithSerilog(logging.Level);
            // Before Serilog is attached and after it is gone, Akka writes to stdout itself: only what matters.
            akka.AddHocon("akka.stdout-loglevel = WARNING\nakka.log-dead-letters-during-shutdown = off", HoconAddMode.Prepend);
            // The host runs coordinated shutdown when it stops (Akka.Hosting), after the web server has answered the
            // requests in flight. Akka's own hook ran it at SIGTERM at once: the shards moved away under requests in
            // flight, which were never answered (issue 11's fault suite).
            akka.AddHocon("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend);
        });
        // After AddKuaSheng: hosted services start in order, so the actor system is up when the watcher starts.
        builder.Services.AddSingleton<ActorSystemWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ActorSystemWatcher>());
        builder.Services.AddSingleton<JournalProbe>();
        builder.Services.AddKuaShengApi(builder.Configuration, options.DevFeatures);
        builder.Services.AddKuaShengConsole(builder.Configuration.GetSection(ConsoleSettings.Section).Get<ConsoleSettings>() ?? new ConsoleSettings(),
            options.DataDir, KuaShengApi.AuthSettingsOf(builder.Configuration).Oidc);
        builder.Services.AddNodeMetrics();
        return builder;
    }

    /// <summary>Builds the node and maps its endpoints; refuses (<see cref="InvalidOperationException"/>) settings it must
    /// not start with (<see cref="StartChecks"/>), before anything is created.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        StartChecks.Ensure(ReadOptions(builder.Configuration), builder.Configuration);
        var app = builder.Build();
        app.UseSerilogRequestLogging(request =>
        {
            // Probes every few seconds are not news.
            request.GetLevel = (http, _, error) =>
                error is not null || http.Response.StatusCode >= 500 && !IsProbe(http.Request.Path) ? Serilog.Events.LogEventLevel.Error
                : IsProbe(http.Request.Path) ? Serilog.Events.LogEventLevel.Verbose
                : Serilog.Events.LogEventLevel.Information;
        });
        app.MapKuaShengHealth();
        app.MapNodeMetrics();
        app.UseKuaShengApi();
        app.UseKuaShengConsole();
        return app;
    }

    private static bool IsProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments(NodeMetrics.Path);

    public static WebApplication Build(string[] args, TextWriter? logOutput = null) => Build(CreateBuilder(args, logOutput));

    /// <summary>Runs the node until it stops; returns the process exit code: 0 for a clean stop (SIGTERM, Ctrl+C),
    /// <see cref="ActorSystemWatcher.TerminatedExitCode"/> when the actor system terminated on its own, 1 when the
    /// node could not start.</summary>
    public static async Task<int> RunAsync(WebApplication app)
    {
        // RunAsync disposes the service provider: take what is needed afterwards now.
        var watcher = app.Services.GetRequiredService<ActorSystemWatcher>();
        var log = Log.ForContext(typeof(KuaShengNode));
        var node = app.Services.GetRequiredService<NodeDescription>();
        var options = app.Services.GetRequiredService<KuaShengOptions>();
        // Never the connection string or a password: where the database is, and whether TLS is on.
        log.Information("Starting KuaSheng node: configuration {ConfigFile}, database {Database} {Location}, akka {AkkaAddress}, TLS {Tls}, dev features {DevFeatures}",
            node.ConfigFile, options.Database, DatabaseLocation(options),
            $"{ClusterTls.Protocol(options.Cluster.Tls)}://{KuaShengAkka.SystemName}@{options.Cluster.AddressHost}:{options.Cluster.Port}",
            options.Cluster.Tls.Enabled ? "on (mutual, certificate " + options.Cluster.Tls.CertificatePath + ")" : "off",
            options.DevFeatures ? "on" : "off");
        try
        {
            await app.RunAsync();
        }
        catch (Exception e)
        {
            log.Fatal(e, "The node failed to start or stopped with an error");
            await Log.CloseAndFlushAsync();
            return 1;
        }
        var exitCode = watcher.ExitCode;
        log.Information("KuaSheng node stopped, exit code {ExitCode}", exitCode);
        await Log.CloseAndFlushAsync();
        return exitCode;
    }

    /// <summary>Where the database is, for the start line: the SQLite folder, or PostgreSQL's host, port and database, never
    /// its user or password.</summary>
    private static string DatabaseLocation(KuaShengOptions options)
    {
        if (options.Database == DatabaseKind.Sqlite) return Path.GetFullPath(options.DataDir);
        try
        {
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
            return $"{connection.Host}:{connection.Port}/{connection.Database}";
        }
        catch (ArgumentException)
        {
            return "(connection string)";
        }
    }

    /// <summary>The <c>KuaSheng</c> section as options; a relative DataDir is taken from the working directory.</summary>
    public static KuaShengOptions ReadOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = section.Get<KuaShengOptions>() ?? new KuaShengOptions();
        // Arrays bind by appending to their defaults: take the configured lists as they are.
        var roles = section.GetSection("Cluster:Roles").Get<string[]>();
        if (roles is { Length: > 0 }) options.Cluster.Roles = roles;
        options.Cluster.Seeds = section.GetSection("Cluster:Seeds").Get<string[]>() ?? [];
        options.DataDir = Path.GetFullPath(options.DataDir);
        options.ConnectionString = DatabaseCredentials.ConnectionString(options);
        // Used: not to be found again in the options (nothing prints them, but nothing needs them either).
        options.DatabasePassword = null;
        return options;
    }
}

/// <summary>What the node was started with, for logs and admin.</summary>
public sealed record NodeDescription(string ConfigFile, LoggingSettings Logging);
