using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace KuaSheng.Host.Logging;

/// <summary>
/// The masking step in front of every sink of the node: rewrites each event so that its message template text, its
/// properties (at any depth) and its exception text carry no ID number, mobile number or name-by-property
/// (<see cref="PersonalDataRedactor"/>). A sink wrapper rather than an enricher because an enricher can neither
/// rewrite the template text (Akka logs plain strings as templates) nor see properties added later by
/// <c>ForContext</c>, which Akka.Logger.Serilog and Microsoft.Extensions.Logging scopes both use.
/// </summary>
public sealed class MaskingSink(ILogEventSink inner) : ILogEventSink, IDisposable
{
    private static readonly MessageTemplateParser Parser = new();

    public void Emit(LogEvent logEvent) => inner.Emit(Mask(logEvent));

    public static LogEvent Mask(LogEvent logEvent)
    {
        var template = logEvent.MessageTemplate;
        var text = PersonalDataRedactor.MaskText(template.Text);
        var changed = !ReferenceEquals(text, template.Text);
        if (changed) template = Parser.Parse(text);

        var properties = new List<LogEventProperty>(logEvent.Properties.Count);
        foreach (var (name, value) in logEvent.Properties)
        {
            var masked = PersonalDataRedactor.Mask(name, value);
            changed |= !ReferenceEquals(masked, value);
            properties.Add(new LogEventProperty(name, masked));
        }

        var exception = logEvent.Exception;
        if (exception is not null)
        {
            var full = exception.ToString();
            var maskedFull = PersonalDataRedactor.MaskText(full);
            if (!ReferenceEquals(maskedFull, full))
            {
                exception = new MaskedException(exception, maskedFull);
                changed = true;
            }
        }

        return changed
            ? new LogEvent(logEvent.Timestamp, logEvent.Level, exception, template, properties, logEvent.TraceId ?? default, logEvent.SpanId ?? default)
            : logEvent;
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    /// <summary>Stands in for an exception whose text held personal data: same type name in its text, masked throughout.</summary>
    private sealed class MaskedException(Exception original, string maskedText)
        : Exception(PersonalDataRedactor.MaskText(original.Message))
    {
        public override string ToString() => maskedText;
        public override string? StackTrace => null;
    }
}
