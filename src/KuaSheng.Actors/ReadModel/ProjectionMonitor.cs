using Akka.Actor;

namespace KuaSheng.Actors.ReadModel;

/// <summary>Asks each projection runner (through its singleton proxy) where it stands, every
/// <paramref name="interval"/>, and records the answers in <see cref="ProjectionMetrics"/>. A runner that does not answer
/// leaves its last status in place; the metrics show its age.</summary>
public sealed class ProjectionMonitor : ReceiveActor, IWithTimers
{
    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    public ProjectionMonitor(IReadOnlyList<IActorRef> projections, ProjectionMetrics metrics, TimeSpan interval)
    {
        Receive<Tick>(_ =>
        {
            foreach (var projection in projections) projection.Tell(new GetProjectionStatus());
        });
        Receive<ProjectionStatus>(metrics.Record);
        Receive<Status.Failure>(_ => { }); // a status query that failed; the next tick asks again
        _interval = interval;
    }

    private readonly TimeSpan _interval;

    protected override void PreStart() => Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, TimeSpan.Zero, _interval);

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IReadOnlyList<IActorRef> projections, ProjectionMetrics metrics, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new ProjectionMonitor(projections, metrics, interval));
}
