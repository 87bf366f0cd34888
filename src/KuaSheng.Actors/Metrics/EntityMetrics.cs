using System.Diagnostics;
using System.Diagnostics.Metrics;
using Akka.Pattern;
using KuaSheng.Domain;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Actors.Metrics;

/// <summary>
/// What the entities of this process do, as the meter <see cref="MeterName"/> (static: entities are created by
/// sharding, not by DI, and a measurement nobody listens to costs one check): commands answered by type and result,
/// how long journal writes take, which writes failed and why, deadlines missed, and a state of the journal's circuit
/// breaker derived from the writes (<see cref="JournalCircuitOpen"/>). Several nodes in one process (tests) share
/// the figures.
/// </summary>
public static class EntityMetrics
{
    public const string MeterName = "KuaSheng.Entities";

    /// <summary>Why a journal write failed: refused at once because the journal's circuit breaker was open.</summary>
    public const string CircuitOpen = "circuit-open";
    /// <summary>The write did not finish in time (the breaker's call-timeout, or the database's own).</summary>
    public const string Timeout = "timeout";
    /// <summary>The database failed the write (locked, gone, fenced...).</summary>
    public const string Error = "error";
    /// <summary>The journal refused the event itself (e.g. it could not be serialized); the journal is fine.</summary>
    public const string Rejected = "rejected";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Commands = Meter.CreateCounter<long>("kuasheng.commands", "{command}",
        "Commands answered by the entities of this node, by entity, command type and result (code: the refusal's code).");

    private static readonly Histogram<double> PersistDuration = Meter.CreateHistogram<double>("kuasheng.persist.duration", "s",
        "Time from an entity's Persist call to its handler (the journal wrote the events), by entity.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20] });

    private static readonly Counter<long> PersistFailures = Meter.CreateCounter<long>("kuasheng.persist.failures", "{write}",
        $"Journal writes of the entities that failed, by entity and reason: {CircuitOpen}, {Timeout}, {Error}, {Rejected}.");

    private static readonly Counter<long> DeadlinesMissed = Meter.CreateCounter<long>("kuasheng.deadlines.missed", "{deadline}",
        "Deadlines recorded as missed (超期) by the cases of this node, once per deadline, by step.");

    private static int _circuitOpen;
    private static int _circuitGaugePublished;

    /// <summary>Creates the gauge of <see cref="JournalCircuitOpen"/> (<c>kuasheng_journal_circuit_open</c>) once, so
    /// that a node's scrape shows 0 from the start instead of nothing until an entity first writes (the counters and
    /// the histogram appear with their first measurement, as counters do).</summary>
    public static void PublishCircuitGauge()
    {
        if (Interlocked.Exchange(ref _circuitGaugePublished, 1) == 1) return;
        Meter.CreateObservableGauge("kuasheng.journal.circuit_open", () => Volatile.Read(ref _circuitOpen), null,
            "Derived, not read from Akka (the journal's circuit breaker is private): 1 since an entity write on this node was " +
            "refused because the breaker was open, 0 again once an entity write succeeds.");
    }

    /// <summary>The derived breaker state that <c>kuasheng_journal_circuit_open</c> shows. Akka.Persistence keeps the
    /// journal's <see cref="CircuitBreaker"/> in a private field and publishes no transition, so the state is read from
    /// the writes: a write refused with <see cref="OpenCircuitException"/> proves it open (or half-open and failed
    /// again); a write that succeeded proves it closed. Between writes it shows the last thing proven; reads
    /// (recoveries) pass the same breaker and are not seen here.</summary>
    public static bool JournalCircuitOpen => Volatile.Read(ref _circuitOpen) == 1;

    public static void Answered(string entity, object command, object reply)
    {
        var (result, code) = CommandResult.Of(reply);
        var tags = new TagList { { "entity", entity }, { "command", command.GetType().Name }, { "result", result } };
        if (code is not null) tags.Add("code", code);
        Commands.Add(1, tags);
    }

    /// <summary>A write started at <paramref name="started"/> (<see cref="Stopwatch.GetTimestamp"/>) reached its handler.</summary>
    public static void Persisted(string entity, long started)
    {
        PersistDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("entity", entity));
        Volatile.Write(ref _circuitOpen, 0);
    }

    public static void PersistFailed(string entity, Exception cause)
    {
        var reason = FailureReason(cause);
        if (reason == CircuitOpen) Volatile.Write(ref _circuitOpen, 1);
        PersistFailures.Add(1, new KeyValuePair<string, object?>("entity", entity), new KeyValuePair<string, object?>("reason", reason));
    }

    public static void PersistRejected(string entity) =>
        PersistFailures.Add(1, new KeyValuePair<string, object?>("entity", entity), new KeyValuePair<string, object?>("reason", Rejected));

    public static void DeadlineMissed(DeadlineStep? step) =>
        DeadlinesMissed.Add(1, new KeyValuePair<string, object?>("step", step?.ToKebab() ?? "unknown"));

    /// <summary>The <c>reason</c> of a failed write, from the exception the journal failed it with.</summary>
    public static string FailureReason(Exception cause) => cause switch
    {
        OpenCircuitException => CircuitOpen,
        TimeoutException => Timeout,
        AggregateException { InnerExceptions: [var single] } => FailureReason(single),
        _ => Error,
    };
}
