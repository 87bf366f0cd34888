using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Remote;

namespace KuaSheng.Actors.Hosting;

/// <summary>
/// Stops the node when another member has quarantined it — the cluster removed this incarnation (downed while it was
/// frozen by SIGSTOP, a stalled VM or a long partition) and will never talk to it again. Akka.NET's downing providers do
/// not act on that notice (akka.net#8482), so the woken node would go on serving HTTP requests and running entities that
/// now live elsewhere. It runs the coordinated shutdown with the cluster-downing reason: the host exits with code 3 and
/// its supervisor starts a fresh incarnation that joins again. A notice from an address that is not a member (a stranger,
/// or a node that was itself removed) is ignored, as Akka (JVM) does since akka#32029.
/// </summary>
public sealed class QuarantineWatcher : ReceiveActor
{
    public static Props Props() => Akka.Actor.Props.Create(() => new QuarantineWatcher());

    public QuarantineWatcher()
    {
        var log = Context.GetLogger();
        var cluster = Cluster.Get(Context.System);
        Receive<ThisActorSystemQuarantinedEvent>(notice =>
        {
            var by = cluster.State.Members.FirstOrDefault(m => m.Address.Equals(notice.RemoteAddress));
            if (by is null || by.Status is not (MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving))
            {
                log.Warning("Quarantined by {0}, which is not an up member here: ignored", notice.RemoteAddress);
                return;
            }
            log.Error("This node was quarantined by {0}: the cluster removed it. Stopping it (exit code 3) so that a fresh incarnation can join.",
                notice.RemoteAddress);
            CoordinatedShutdown.Get(Context.System).Run(CoordinatedShutdown.ClusterDowningReason.Instance);
        });
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(ThisActorSystemQuarantinedEvent));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
