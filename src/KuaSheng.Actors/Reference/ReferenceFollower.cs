using Akka.Actor;

namespace KuaSheng.Actors.Reference;

/// <summary>Keeps this node's <see cref="ReferenceDataStore"/> up to date: asks the reference entity for changes
/// after the known version, every few seconds and whenever told that something changed.</summary>
public sealed class ReferenceFollower : ReceiveActor, IWithTimers
{
    public const string EntityId = "main";

    public ReferenceFollower(ReferenceDataStore store, IActorRef reference, TimeSpan interval)
    {
        // While the node shuts down the region is going away: polling it then only makes dead letters.
        Receive<Poll>(_ =>
        {
            if (CoordinatedShutdown.Get(Context.System).ShutdownReason is null) reference.Tell(new GetReferenceChanges(store.Version));
        });
        Receive<ReferenceChanged>(_ => reference.Tell(new GetReferenceChanges(store.Version)));
        Receive<ReferenceChanges>(store.Follow);
        Timers!.StartPeriodicTimer(Poll.Instance, Poll.Instance, TimeSpan.Zero, interval);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public sealed class Poll
    {
        public static readonly Poll Instance = new();
    }
}
