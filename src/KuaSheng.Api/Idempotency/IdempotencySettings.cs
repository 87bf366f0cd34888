namespace KuaSheng.Api.Idempotency;

/// <summary>Configuration section <c>KuaSheng:Idempotency</c>.</summary>
public sealed class IdempotencySettings
{
    public const string Section = "KuaSheng:Idempotency";

    /// <summary>The contract promises at least this long.</summary>
    public static readonly TimeSpan MinimumRetention = TimeSpan.FromHours(24);

    /// <summary>How long a key and its first answer are kept (default 48 h; less than 24 h is raised to 24 h).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How often rows older than the retention are deleted (also shortly after start).</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a second request with the same key and body waits for the first one still in flight
    /// before it is answered 409 "still being processed, retry".</summary>
    public TimeSpan InFlightWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A claim whose request never finished (the node died mid-request) is taken over after this long.</summary>
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan EffectiveRetention => Retention < MinimumRetention ? MinimumRetention : Retention;
}
