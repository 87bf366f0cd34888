using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using KuaSheng.Actors.Metrics;

namespace KuaSheng.Actors.Tests.Metrics;

/// <summary>What the instruments of <see cref="EntityMetrics"/> record while it is open (the meter is static: tests
/// filter by instrument and tags, and the assembly runs one test at a time).</summary>
internal sealed class MeasurementLog : IDisposable
{
    public sealed record Entry(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);

    private readonly ConcurrentQueue<Entry> _entries = new();
    private readonly MeterListener _listener = new();

    public MeasurementLog()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EntityMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    /// <summary>The measurements of <paramref name="instrument"/> whose tags include all of <paramref name="tags"/>
    /// ("name=value").</summary>
    public IReadOnlyList<Entry> Of(string instrument, params string[] tags) => _entries
        .Where(e => e.Instrument == instrument && tags.All(t => t.Split('=', 2) is [var k, var v] && e.Tags.GetValueOrDefault(k) == v))
        .ToList();

    public double Sum(string instrument, params string[] tags) => Of(instrument, tags).Sum(e => e.Value);

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, tag) in tags) copy[key] = tag?.ToString();
        _entries.Enqueue(new Entry(instrument.Name, value, copy));
    }

    public void Dispose() => _listener.Dispose();
}
