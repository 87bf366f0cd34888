using System.Diagnostics.Metrics;

namespace KuaSheng.Api.Audit;

/// <summary>The audit trail's health as the meter <see cref="MeterName"/>: records stored
/// (<c>kuasheng_audit_records_total</c>) and records lost (<c>kuasheng_audit_failures_total{reason}</c>: <c>write-failed</c>
/// after the database refused them three times, <c>queue-full</c> when the queue stayed full for
/// <see cref="AuditQueue.EnqueueTimeout"/>, <c>stopped</c> after the node stopped writing). Alert on any failure: each
/// lost record is also logged at Error with its fields.</summary>
public static class AuditMetrics
{
    public const string MeterName = "KuaSheng.Audit";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Stored = Meter.CreateCounter<long>("kuasheng.audit.records", "{record}",
        "Audit records stored in the node database (kuasheng_audit_records_total).");

    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("kuasheng.audit.failures", "{record}",
        "Audit records that could not be stored, by reason (kuasheng_audit_failures_total).");

    public static void Written(int count) => Stored.Add(count);

    public static void Lost(string reason, int count = 1) => Failures.Add(count, new KeyValuePair<string, object?>("reason", reason));
}
