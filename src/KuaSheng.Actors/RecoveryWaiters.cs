using Akka.Actor;

namespace KuaSheng.Actors;

/// <summary>
/// Who asked an entity while it was recovering. Those requests wait in Akka's internal stash, which a failed recovery
/// drops (the entity stops): the entity answers them "unavailable" instead, so callers hear at once rather than after
/// their timeout. Bounded: past <paramref name="capacity"/> askers, the rest time out as before.
/// </summary>
internal sealed class RecoveryWaiters(int capacity)
{
    private readonly List<IActorRef> _askers = [];

    /// <summary>Remembers the sender of a request that arrives before recovery finished.</summary>
    public void Note(bool recoveryFinished, bool isRequest, IActorRef sender)
    {
        if (!recoveryFinished && isRequest && _askers.Count < capacity) _askers.Add(sender);
    }

    /// <summary>Recovery finished: the stashed requests will be handled normally.</summary>
    public void Clear() => _askers.Clear();

    /// <summary>Recovery failed: answer everyone who waited.</summary>
    public void AnswerAll(object answer)
    {
        foreach (var asker in _askers) asker.Tell(answer);
        _askers.Clear();
    }
}
