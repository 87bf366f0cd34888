using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using KuaSheng.Actors.Persistence;

namespace KuaSheng.Actors.Tickets;

/// <summary>
/// A unit's list of tickets, persistence id <c>ticket-index-{unitId}</c>: the summary of each ticket routed to the
/// unit, kept current by the tickets themselves (each re-sends until acknowledged; the highest version wins). It is
/// what <c>GET /tickets?unitId=</c> reads, without asking every ticket. Snapshots as <see cref="SnapshotSchedule"/> says.
/// </summary>
public sealed class TicketIndexActor : MeteredPersistentActor
{
    private readonly string _unitId;
    private readonly SnapshotSchedule _snapshots;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, TicketSummary> _tickets = new(StringComparer.Ordinal);

    public TicketIndexActor(string unitId, int snapshotEvery, TimeSpan passivateAfter) : base("ticket-index")
    {
        _unitId = unitId;
        _snapshots = new SnapshotSchedule(snapshotEvery);

        Recover<SnapshotOffer>(offer =>
        {
            _snapshots.Recovered(offer.Metadata.SequenceNr);
            foreach (var t in ((TicketIndexSnapshot)offer.Snapshot).Tickets) _tickets[t.TicketId] = t;
        });
        Recover<TicketSummaryRecorded>(e => _tickets[e.Summary.TicketId] = e.Summary);

        Command<IndexTicket>(m =>
        {
            var summary = m.Summary;
            var ack = new TicketIndexed(_unitId, summary.TicketId, summary.Version);
            if (_tickets.TryGetValue(summary.TicketId, out var known) && known.Version >= summary.Version)
            {
                Sender.Tell(new TicketIndexed(_unitId, summary.TicketId, known.Version));
                return;
            }
            var ticket = Sender;
            PersistMeasured(new TicketSummaryRecorded(summary), e =>
            {
                _tickets[e.Summary.TicketId] = e.Summary;
                ticket.Tell(ack);
                if (_snapshots.Due(LastSequenceNr, _tickets.Count)) SaveSnapshot(new TicketIndexSnapshot(_tickets.Values.ToList()));
            });
        });
        Command<GetUnitTickets>(q => Sender.Tell(new UnitTickets(_unitId, _tickets.Values
            .Where(t => q.Status is null || t.Status == q.Status)
            .OrderByDescending(t => t.OpenedAt).ThenBy(t => t.TicketId, StringComparer.Ordinal)
            .ToList())));
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Snapshot of ticket index {0} failed", _unitId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Old snapshots of ticket index {0} were not deleted", _unitId));
        Context.SetReceiveTimeout(passivateAfter);
    }

    public override string PersistenceId => $"ticket-index-{_unitId}";
}
