using Serilog.Events;

namespace KuaSheng.Host.Configuration;

/// <summary>Configuration section <c>KuaSheng:Logging</c>.</summary>
public sealed class LoggingSettings
{
    /// <summary>Compact JSON lines (one event per line) instead of rendered text for people.</summary>
    public bool Json { get; set; }

    /// <summary>Minimum level of the node's own and Akka's events (Verbose, Debug, Information, Warning, Error, Fatal).</summary>
    public LogEventLevel Level { get; set; } = LogEventLevel.Information;
}
