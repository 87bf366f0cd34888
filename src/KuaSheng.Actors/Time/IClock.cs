namespace KuaSheng.Actors.Time;

/// <summary>The node's clock: every deadline reads it, so a dev clock can move time in tests and demos.</summary>
public interface IClock
{
    DateTimeOffset Now { get; }
}

/// <summary>Wall-clock time in China Standard Time.</summary>
public sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();
    public DateTimeOffset Now => DateTimeOffset.UtcNow.ToOffset(Domain.Cases.CaseContext.ChinaOffset);
}

/// <summary>A clock that can be set (PUT /dev/clock) and released (DELETE /dev/clock): only where configuration
/// enables dev features. While set, time still moves forward from the set instant at wall-clock speed.</summary>
public sealed class AdjustableClock(IClock inner) : IClock
{
    private long _offsetTicks;

    public DateTimeOffset Now => inner.Now.AddTicks(Interlocked.Read(ref _offsetTicks));

    public bool IsSet => Interlocked.Read(ref _offsetTicks) != 0;

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _offsetTicks, (now - inner.Now).Ticks);

    public void Release() => Interlocked.Exchange(ref _offsetTicks, 0);
}
