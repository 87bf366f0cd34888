using Akka.Actor;

namespace KuaSheng.Actors.Tickets;

/// <summary>The entities of the ticket region: tickets (entity id = ticket id) and per-unit ticket indexes (entity id =
/// <see cref="IndexPrefix"/> + unit id; a ticket id never starts with it).</summary>
public static class TicketEntities
{
    public const string IndexPrefix = "@unit:";
    private const int IndexSnapshotEvery = 200;

    public static string? EntityId(object message) => message switch
    {
        IWithTicketId t => t.TicketId,
        IWithTicketIndexUnit u => IndexPrefix + u.UnitId,
        _ => null,
    };

    public static Props Props(string entityId, TicketActorSettings settings, IActorRef region)
    {
        if (!entityId.StartsWith(IndexPrefix, StringComparison.Ordinal))
            return Akka.Actor.Props.Create(() => new TicketActor(entityId, settings, region));
        var unitId = entityId[IndexPrefix.Length..];
        return Akka.Actor.Props.Create(() => new TicketIndexActor(unitId, IndexSnapshotEvery, settings.PassivateAfter));
    }
}
