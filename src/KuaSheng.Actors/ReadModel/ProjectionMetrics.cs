using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace KuaSheng.Actors.ReadModel;

/// <summary>
/// The last status of each projection as this node saw it (<see cref="ProjectionMonitor"/> asks every few seconds),
/// published as gauges of the meter <see cref="MeterName"/>: every node reports the lag of the cluster's projections,
/// wherever their singletons run. <c>status_age</c> grows when the runner stops answering, so a stuck projection shows.
/// </summary>
public sealed class ProjectionMetrics : IDisposable
{
    public const string MeterName = "KuaSheng.ReadModel";

    private readonly ConcurrentDictionary<string, (ProjectionStatus Status, DateTimeOffset SeenAt)> _latest = new(StringComparer.Ordinal);
    private readonly Meter _meter = new(MeterName);
    private readonly TimeProvider _time;

    public ProjectionMetrics(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _meter.CreateObservableGauge("kuasheng.projection.lag", () => Measure(s => s.Status.Lag.TotalSeconds), "s",
            "How old the newest projected event is while the projection is behind; 0 when caught up.");
        _meter.CreateObservableGauge("kuasheng.projection.events_behind", () => Measure(s => (double)s.Status.EventsBehind), "{event}",
            $"Tagged events not projected yet (counted up to {ProjectionOffsets.BacklogCountCap + 1}).");
        _meter.CreateObservableGauge("kuasheng.projection.status_age", () => Measure(s => (_time.GetUtcNow() - s.SeenAt).TotalSeconds), "s",
            "Time since the projection last answered this node.");
    }

    public void Record(ProjectionStatus status) => _latest[status.Name] = (status, _time.GetUtcNow());

    /// <summary>The last status seen of each projection, by name.</summary>
    public IReadOnlyDictionary<string, ProjectionStatus> Latest => _latest.ToDictionary(p => p.Key, p => p.Value.Status, StringComparer.Ordinal);

    private IEnumerable<Measurement<double>> Measure(Func<(ProjectionStatus Status, DateTimeOffset SeenAt), double> value) =>
        _latest.Select(p => new Measurement<double>(value(p.Value), new KeyValuePair<string, object?>("projection", p.Key)));

    public void Dispose() => _meter.Dispose();
}
