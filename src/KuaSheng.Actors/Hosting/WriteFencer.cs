using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace KuaSheng.Actors.Hosting;

/// <summary>On PostgreSQL, fences the writes of every other member as soon as this node sees it downed
/// (<see cref="WriteFence"/>): each survivor records it, so the fence is in place before the downed node's shards move
/// (removal plus the down-removal margin). A failed write of the fence is retried every second while the member stays
/// downed or removed.</summary>
public sealed class WriteFencer : ReceiveActor, IWithTimers
{
    public static Props Props(string connectionString) => Akka.Actor.Props.Create(() => new WriteFencer(connectionString));

    private readonly Cluster _cluster = Cluster.Get(Context.System);

    public ITimerScheduler Timers { get; set; } = null!;

    public WriteFencer(string connectionString)
    {
        var log = Context.GetLogger();
        Receive<ClusterEvent.MemberDowned>(downed =>
        {
            if (downed.Member.UniqueAddress.Equals(_cluster.SelfUniqueAddress)) return;
            Self.Tell(new Fence(WriteFence.NodeName(downed.Member.Address.Host!, downed.Member.Address.Port ?? 0), 1));
        });
        Receive<Fence>(fence => WriteFence.FenceAsync(connectionString, fence.Node)
            .PipeTo(Self, success: () => new Fenced(fence), failure: e => new NotFenced(fence, e)));
        Receive<Fenced>(f => log.Warning("Writes of downed node {0} are fenced (attempt {1})", f.Fence.Node, f.Fence.Attempt));
        Receive<NotFenced>(f =>
        {
            log.Error(f.Cause, "Could not fence the writes of downed node {0} (attempt {1}); trying again in 1 s", f.Fence.Node, f.Fence.Attempt);
            if (f.Fence.Attempt < 60) Timers.StartSingleTimer(f.Fence.Node, f.Fence with { Attempt = f.Fence.Attempt + 1 }, TimeSpan.FromSeconds(1));
        });
    }

    protected override void PreStart() => _cluster.Subscribe(Self, ClusterEvent.InitialStateAsEvents, typeof(ClusterEvent.MemberDowned));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private sealed record Fence(string Node, int Attempt);
    private sealed record Fenced(Fence Fence);
    private sealed record NotFenced(Fence Fence, Exception Cause);
}
