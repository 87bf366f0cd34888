using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using KuaSheng.Actors.Persistence;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Tickets;

namespace KuaSheng.Actors.Tickets;

/// <summary>
/// One ticket (咨询投诉建议), persistence id <c>ticket-{id}</c>. It applies <see cref="TicketDecider"/>, persists the
/// event with the command id (so a repeated command is answered again, never applied twice), and keeps its unit's
/// ticket index told, re-sending until acknowledged. Passivates when idle and nothing is unacknowledged. A ticket has
/// a handful of events, so it takes no snapshots.
/// </summary>
public sealed class TicketActor : MeteredPersistentActor, IWithTimers
{
    private const int RecentCommandCapacity = 64;

    private readonly string _ticketId;
    private readonly TicketActorSettings _settings;
    private readonly IActorRef _index;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RecentIds _recent = new(RecentCommandCapacity);
    private readonly RecoveryWaiters _recoveryWaiters = new(RecentCommandCapacity);
    private TicketState? _state;
    private IndexTicket? _unacked;
    /// <summary>Who waits for the command being written, and the command.</summary>
    private (IActorRef ReplyTo, TicketCommand Command)? _awaitingPersist;

    public TicketActor(string ticketId, TicketActorSettings settings, IActorRef index) : base("ticket")
    {
        _ticketId = ticketId;
        _settings = settings;
        _index = index;

        Recover<TicketOpenedEntry>(e => Recovered(TicketState.Start(e.Event), e.CommandId));
        Recover<TicketRepliedEntry>(e => Recovered(_state?.Apply(e.Event), e.CommandId));
        Recover<TicketClosedEntry>(e => Recovered(_state?.Apply(e.Event), e.CommandId));
        Recover<RecoveryCompleted>(_ =>
        {
            _recoveryWaiters.Clear();
            // A restarted ticket does not know whether its index heard the last change: tell it again (idempotent).
            if (_state is not null) TellIndex(_state);
        });

        Command<OpenTicketRequest>(r => Handle(r.CommandId, r.Command));
        Command<ReplyTicketRequest>(r => Handle(r.CommandId, r.Command));
        Command<CloseTicketRequest>(r => Handle(r.CommandId, r.Command));
        Command<GetTicket>(_ => Sender.Tell(_state is null
            ? new TicketAnswer(_ticketId, null, Refusal.NotFound($"Ticket {_ticketId}"))
            : new TicketAnswer(_ticketId, _state, null)));
        Command<TicketIndexed>(ack =>
        {
            if (_unacked is not null && ack.Version >= _unacked.Summary.Version)
            {
                _unacked = null;
                Timers.Cancel(Redeliver.Instance);
            }
        });
        Command<Redeliver>(_ => { if (_unacked is not null) _index.Tell(_unacked); });
        Command<ReceiveTimeout>(_ =>
        {
            if (_unacked is null && _awaitingPersist is null) Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        });
        Context.SetReceiveTimeout(settings.PassivateAfter);
    }

    public override string PersistenceId => $"ticket-{_ticketId}";

    protected override bool AroundReceive(Receive receive, object message)
    {
        _recoveryWaiters.Note(IsRecoveryFinished, message is IWithTicketId, Sender);
        return base.AroundReceive(receive, message);
    }

    /// <summary>The journal could not be read: the requests that waited hear "unavailable" at once; the ticket stops,
    /// and the next message tries again.</summary>
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _recoveryWaiters.AnswerAll(new TicketUnavailable(_ticketId, "The ticket could not be read from its journal; nothing was changed. Try again."));
        base.OnRecoveryFailure(reason, message);
    }
    public ITimerScheduler Timers { get; set; } = null!;

    private CaseContext DecisionContext => new(_settings.Clock.Now, _settings.Calendar(), _settings.Limits);

    private void Recovered(TicketState? state, string commandId)
    {
        _state = state;
        _recent.Add(commandId);
    }

    private void Handle(string commandId, TicketCommand command)
    {
        if (_recent.Contains(commandId))
        {
            Answer(Sender, command, new TicketAnswer(_ticketId, _state, null, Duplicate: true));
            return;
        }
        var decision = TicketDecider.Decide(_state, command, DecisionContext);
        if (decision.Refusal is not null)
        {
            Answer(Sender, command, new TicketAnswer(_ticketId, null, decision.Refusal));
            return;
        }
        if (decision.Event is null)
        {
            Answer(Sender, command, new TicketAnswer(_ticketId, _state, null));
            return;
        }
        object entry = decision.Event switch
        {
            TicketOpened e => new TicketOpenedEntry(e, commandId),
            TicketReplied e => new TicketRepliedEntry(e, commandId),
            TicketClosed e => new TicketClosedEntry(e, commandId),
            var other => throw new InvalidOperationException($"Unknown ticket event {other.GetType().Name}."),
        };
        var replyTo = Sender;
        _awaitingPersist = (replyTo, command);
        PersistMeasured(entry, _ =>
        {
            _awaitingPersist = null;
            _state = decision.State;
            _recent.Add(commandId);
            Answer(replyTo, command, new TicketAnswer(_ticketId, _state, null));
            TellIndex(_state!);
        });
    }

    private void TellIndex(TicketState s)
    {
        _unacked = new IndexTicket(s.UnitId, Summary(s));
        _index.Tell(_unacked);
        if (!Timers.IsTimerActive(Redeliver.Instance))
            Timers.StartPeriodicTimer(Redeliver.Instance, Redeliver.Instance, _settings.RedeliveryInterval);
    }

    public static TicketSummary Summary(TicketState s) =>
        new(s.TicketId, s.Kind, s.CaseId, s.Status, s.OpenedAt, s.ReplyDue, s.FirstReply?.At, s.Version);

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistFailure(cause, @event, sequenceNr);
        if (_awaitingPersist is (var replyTo, var command))
            Answer(replyTo, command, new TicketUnavailable(_ticketId, "The ticket journal is unavailable; nothing was changed. Try again."));
        _awaitingPersist = null;
        _log.Warning(cause, "Ticket {0}: the journal refused a write", _ticketId);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        if (_awaitingPersist is (var replyTo, var command))
            Answer(replyTo, command, new TicketUnavailable(_ticketId, "The ticket journal rejected the change; nothing was changed."));
        _awaitingPersist = null;
    }

    private sealed class Redeliver : INotInfluenceReceiveTimeout
    {
        public static readonly Redeliver Instance = new();
    }
}
