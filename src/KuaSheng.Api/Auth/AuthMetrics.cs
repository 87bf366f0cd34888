using System.Diagnostics.Metrics;

namespace KuaSheng.Api.Auth;

/// <summary>Refused requests as the meter <see cref="MeterName"/>: <c>kuasheng_auth_refused_total{status, reason}</c>
/// (<see cref="AuthRefusals"/>). Static, like the other meters of the API.</summary>
public static class AuthMetrics
{
    public const string MeterName = "KuaSheng.Auth";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> RefusedCounter = Meter.CreateCounter<long>("kuasheng.auth.refused", "{request}",
        "Requests refused 401 (no or invalid token) or 403 (role or unit may not), by status and reason (kuasheng_auth_refused_total).");

    public static void Refused(int status, string reason) =>
        RefusedCounter.Add(1, new KeyValuePair<string, object?>("status", status), new KeyValuePair<string, object?>("reason", reason));
}
