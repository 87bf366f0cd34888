using System.Globalization;
using Akka.Hosting;
using Akka.Logger.Serilog;
using KuaSheng.Host.Configuration;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace KuaSheng.Host.Logging;

/// <summary>The node's Serilog logger: console (or a given writer), rendered text or compact JSON, always behind the
/// <see cref="MaskingSink"/>. Akka's own events come through Akka.Logger.Serilog into the same logger.</summary>
public static class KuaShengLogging
{
    public const string TextTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static Logger CreateLogger(LoggingSettings settings, TextWriter? output = null)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(settings.Level)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.FromLogContext();
        ITextFormatter formatter = settings.Json
            ? new RenderedCompactJsonFormatter()
            : new MessageTemplateTextFormatter(TextTemplate, CultureInfo.InvariantCulture);
        var sink = output is null
            ? LoggerSinkConfiguration.CreateSink(to => to.Console(formatter))
            : new TextWriterSink(formatter, output);
        return configuration.WriteTo.Sink(new AkkaSourceSink(new MaskingSink(sink))).CreateLogger();
    }

    /// <summary>Akka's logging through Akka.Logger.Serilog (it writes to Serilog's static <see cref="Log.Logger"/>).
    /// Akka 1.5.73 parses message templates itself (SemanticLogMessageFormatter is the default).</summary>
    /// <summary>Akka logs from string sources (cluster, remoting) with the class <c>DummyClassForStringSources</c>; their
    /// real source is the <c>LogSource</c> property. Show that as the SourceContext.</summary>
    private sealed class AkkaSourceSink(ILogEventSink inner) : ILogEventSink, IDisposable
    {
        private const string Dummy = "Akka.Event.DummyClassForStringSources";

        public void Emit(LogEvent logEvent)
        {
            if (logEvent.Properties.TryGetValue("SourceContext", out var context) && context is ScalarValue { Value: Dummy }
                && logEvent.Properties.TryGetValue("LogSource", out var source) && source is ScalarValue { Value: string logSource })
                logEvent.AddOrUpdateProperty(new LogEventProperty("SourceContext", new ScalarValue(logSource)));
            inner.Emit(logEvent);
        }

        public void Dispose() => (inner as IDisposable)?.Dispose();
    }

    private sealed class TextWriterSink(ITextFormatter formatter, TextWriter output) : ILogEventSink
    {
        private readonly Lock _lock = new();

        public void Emit(LogEvent logEvent)
        {
            lock (_lock)
            {
                formatter.Format(logEvent, output);
                output.Flush();
            }
        }
    }

    public static AkkaConfigurationBuilder WithSerilog(this AkkaConfigurationBuilder builder, LogEventLevel level)
    {
        builder.ConfigureLoggers(setup =>
        {
            setup.LogLevel = level switch
            {
                LogEventLevel.Verbose or LogEventLevel.Debug => Akka.Event.LogLevel.DebugLevel,
                LogEventLevel.Information => Akka.Event.LogLevel.InfoLevel,
                LogEventLevel.Warning => Akka.Event.LogLevel.WarningLevel,
                _ => Akka.Event.LogLevel.ErrorLevel,
            };
            setup.LogConfigOnStart = false;
            setup.ClearLoggers();
            setup.AddLogger<SerilogLogger>();
        });
        return builder;
    }
}
