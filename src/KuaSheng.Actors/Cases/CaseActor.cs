using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using KuaSheng.Actors.Metrics;
using KuaSheng.Actors.Persistence;
using KuaSheng.Actors.Units;
using KuaSheng.Actors.Waybills;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Cases;

/// <summary>
/// One case (办件), persistence id <c>case-{id}</c>. It applies the domain state machine, persists what it decides,
/// keeps its units told (re-sending until each acknowledges) and reserves waybills before it records a mailing.
/// It holds no business rule of its own.
/// </summary>
public sealed class CaseActor : MeteredPersistentActor, IWithTimers
{
    private const int RecentCommandCapacity = 256;

    private readonly string _caseId;
    private readonly CaseActorSettings _settings;
    private readonly IActorRef _units;
    private readonly IActorRef _waybills;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RecentCommands _recent = new(RecentCommandCapacity);
    private readonly Dictionary<string, SyncCaseToUnit> _unacked = new(StringComparer.Ordinal);
    private CaseState? _state;
    /// <summary>Who waits for the command being written (or whose waybill is being reserved), and the command.</summary>
    private (IActorRef ReplyTo, CaseCommand Command)? _awaitingPersist;
    /// <summary>The command of the case's last journal row (a repeat of it is answered with the current state).</summary>
    private string? _lastCommandId;
    private readonly RecoveryWaiters _recoveryWaiters = new(RecentCommandCapacity);

    public CaseActor(string caseId, CaseActorSettings settings, IActorRef units, IActorRef waybills) : base("case")
    {
        _caseId = caseId;
        _settings = settings;
        _units = units;
        _waybills = waybills;

        Recover<SnapshotOffer>(offer =>
        {
            var snapshot = (CaseSnapshot)offer.Snapshot;
            _state = snapshot.State;
            _recent.Load(snapshot.RecentCommandIds, snapshot.RecentCommands);
            _lastCommandId = snapshot.RecentCommandIds.Count > 0 ? snapshot.RecentCommandIds[^1] : null;
        });
        Recover<CaseJournalBatch>(b =>
        {
            _state = CaseHistory.Fold(_state, b.Events);
            Applied(b.CommandId, new RecentCommand(b.RequestHash, LastSequenceNr, b.Events[^1].At));
        });
        Recover<CaseJournalEvent>(e =>
        {
            _state = CaseHistory.Fold(_state, e.Event);
            if (e.CommandId is not null) Applied(e.CommandId, new RecentCommand(null, LastSequenceNr, e.Event.At));
        });
        Recover<RecoveryCompleted>(_ =>
        {
            _recoveryWaiters.Clear();
            // A restarted case does not know which of its last messages reached the units: tell them again.
            if (_state is not null) Tell(UnitViews.UnitsOf(_state).Select(u => UnitViews.For(_state, u)));
        });

        Ready();
        Context.SetReceiveTimeout(settings.PassivateAfter);
    }

    /// <summary>What every case's persistence id starts with (the case projection follows these).</summary>
    public const string PersistenceIdPrefix = "case-";

    public override string PersistenceId => PersistenceIdPrefix + _caseId;
    public ITimerScheduler Timers { get; set; } = null!;

    private CaseContext DecisionContext => new(_settings.Clock.Now, _settings.Calendar(), _settings.Limits);

    private void Ready()
    {
        Command<CaseRequest>(request => Handle(request.CommandId, request.Command, caller: null, request.RequestHash));
        Command<CaseStep>(step => Handle(step.CommandId, step.Command, step.Caller, step.RequestHash));
        Command<CaseRepeat>(Repeat);
        Command<GetCaseState>(_ => Sender.Tell(_state is null
            ? new CaseReply(_caseId, null, Refusal.NotFound($"Case {_caseId}"))
            : new CaseReply(_caseId, _state, null)));
        CommonCommands();
    }

    /// <summary>Handled in every behaviour: acknowledgements, redelivery, passivation, snapshots.</summary>
    private void CommonCommands()
    {
        Command<CaseSyncAck>(ack =>
        {
            if (_unacked.TryGetValue(ack.UnitId, out var sent) && sent.CaseVersion <= ack.CaseVersion) _unacked.Remove(ack.UnitId);
            if (_unacked.Count == 0) Timers.Cancel(Redeliver.Instance);
        });
        Command<Redeliver>(_ => { foreach (var view in _unacked.Values) _units.Tell(view); });
        Command<ReceiveTimeout>(_ =>
        {
            // Stay up while a unit has not acknowledged: a passivated case would stop re-sending.
            if (_unacked.Count == 0 && _awaitingPersist is null) Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        });
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Snapshot of case {0} failed; recovery replays more events", _caseId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Old snapshots of case {0} were not deleted", _caseId));
    }

    /// <summary>Every branch answers exactly once: here, or when the waybill reservation or the write it starts
    /// completes or fails (<see cref="ReserveWaybill"/>, <see cref="PersistDecision"/>, <see cref="OnPersistFailure"/>).</summary>
    private void Handle(string commandId, CaseCommand command, Caller? caller, string? requestHash)
    {
        var replyTo = Sender;
        if (_recent.TryGet(commandId, out var applied))
        {
            AnswerAgain(commandId, applied, requestHash, command, replyTo);
            return;
        }
        var (admitted, refusal) = Admit(command, caller);
        var decision = refusal is null ? CaseDecider.Decide(_state, admitted!, DecisionContext) : CaseDecision.Refused(refusal);
        if (decision.Refusal is not null)
        {
            Answer(replyTo, command, new CaseReply(_caseId, null, decision.Refusal));
            return;
        }
        if (decision.Events.Count == 0)
        {
            Answer(replyTo, command, new CaseReply(_caseId, _state, null));
            return;
        }
        var request = new Decided(commandId, admitted!, requestHash);
        if (decision.Events.OfType<MailingRegistered>().FirstOrDefault() is { } mailing)
            ReserveWaybill(request, mailing, replyTo);
        else
            PersistDecision(request, decision, replyTo);
    }

    /// <summary>Only a command id seen before is answered (as <see cref="AnswerAgain"/> does); any other is refused
    /// undecided: the key it derives from came with another request first.</summary>
    private void Repeat(CaseRepeat repeat)
    {
        if (_recent.TryGet(repeat.CommandId, out var applied))
            AnswerAgain(repeat.CommandId, applied, repeat.RequestHash, repeat.Command, Sender);
        else
            Answer(Sender, repeat.Command, new CaseReply(_caseId, null, Refusal.Conflict(AnotherRequest), Duplicate: true));
    }

    private const string AnotherRequest =
        "This Idempotency-Key was used with another request (another method, path or body); use a new key for a new request.";

    /// <summary>A command id seen before: the same request is answered as the first time (the state the command left,
    /// read back from the journal when later commands followed), another request with it is refused.</summary>
    private void AnswerAgain(string commandId, RecentCommand applied, string? requestHash, CaseCommand command, IActorRef replyTo)
    {
        if (!applied.SameRequest(requestHash))
            Answer(replyTo, command, new CaseReply(_caseId, null, Refusal.Conflict(AnotherRequest), Duplicate: true));
        else if (commandId == _lastCommandId || applied.SequenceNr == 0)
            Answer(replyTo, command, new CaseReply(_caseId, _state, null, Duplicate: true, DecidedAt: applied.At));
        else
        {
            EntityMetrics.Answered("case", command, new CaseReply(_caseId, null, null, Duplicate: true));
            Context.ActorOf(Props.Create(() => new CaseHistoryReader(_caseId, PersistenceId, applied.SequenceNr, applied.At, replyTo)));
        }
    }

    private void Applied(string commandId, RecentCommand command)
    {
        _recent.Add(commandId, command);
        _lastCommandId = commandId;
    }

    /// <summary>A request comes authorized by its sender. A caller's step is admitted by the domain's rule against the
    /// very state it is decided on; on a case that does not exist it is not found, whoever asks, and nothing is written.</summary>
    private (CaseCommand? Command, Refusal? Refusal) Admit(CaseCommand command, Caller? caller) => caller switch
    {
        null => (command, null),
        _ when _state is null => (null, Refusal.NotFound($"Case {_caseId}")),
        _ => CaseAdmission.Admit(caller, _state, command),
    };

    /// <summary>A waybill belongs to one case: reserve it before recording the mailing. Other messages wait.</summary>
    private void ReserveWaybill(Decided request, MailingRegistered mailing, IActorRef replyTo)
    {
        _awaitingPersist = (replyTo, request.Command);
        _waybills.Ask<object>(new ReserveWaybill(mailing.WaybillNumber, _caseId, mailing.MailingId), _settings.AskTimeout)
            .PipeTo(Self, success: answer => new WaybillAnswer(request, replyTo, answer),
                failure: ex => new WaybillAnswer(request, replyTo, new Status.Failure(ex)));
        BecomeStacked(() =>
        {
            Command<WaybillAnswer>(answer =>
            {
                UnbecomeStacked();
                Stash.UnstashAll();
                _awaitingPersist = null;
                switch (answer.Answer)
                {
                    case WaybillReserved:
                        // Nothing else ran meanwhile (all stashed), so the decision is the same as before.
                        PersistDecision(answer.Request, CaseDecider.Decide(_state, answer.Request.Command, DecisionContext), answer.ReplyTo);
                        break;
                    case WaybillTaken taken:
                        Answer(answer.ReplyTo, answer.Request.Command, new CaseReply(_caseId, null,
                            Refusal.Conflict($"Waybill {taken.WaybillNumber} is already used by another case.")));
                        break;
                    default:
                        Answer(answer.ReplyTo, answer.Request.Command,
                            new CaseUnavailable(_caseId, "The waybill register did not answer; try again."));
                        break;
                }
            });
            CommonCommands();
            CommandAny(_ => Stash.Stash());
        });
    }

    private void PersistDecision(Decided request, CaseDecision decision, IActorRef replyTo)
    {
        if (decision.Refusal is not null || decision.State is null)
        {
            Answer(replyTo, request.Command, new CaseReply(_caseId, null, decision.Refusal));
            return;
        }
        var events = decision.Events;
        var before = _state;
        _awaitingPersist = (replyTo, request.Command);
        // One row per command: its events are stored, recovered and projected together.
        PersistMeasured(new CaseJournalBatch(events, request.CommandId, request.RequestHash), _ =>
        {
            _awaitingPersist = null;
            _state = decision.State;
            var at = events[^1].At;
            Applied(request.CommandId, new RecentCommand(request.RequestHash, LastSequenceNr, at));
            foreach (var missed in events.OfType<DeadlineMissed>())
                EntityMetrics.DeadlineMissed(_state.Deadlines.Find(d => d.DeadlineId == missed.DeadlineId)?.Step);
            Answer(replyTo, request.Command, new CaseReply(_caseId, _state, null, DecidedAt: at));
            Tell(UnitViews.Changed(before, _state));
            if (LastSequenceNr % _settings.SnapshotEvery == 0)
            {
                var (ids, commands) = _recent.ToLists();
                SaveSnapshot(new CaseSnapshot(_state, ids, commands));
            }
        });
    }

    private void Tell(IEnumerable<SyncCaseToUnit> views)
    {
        foreach (var view in views)
        {
            _unacked[view.UnitId] = view;
            _units.Tell(view);
        }
        if (_unacked.Count > 0 && !Timers.IsTimerActive(Redeliver.Instance))
            Timers.StartPeriodicTimer(Redeliver.Instance, Redeliver.Instance, _settings.RedeliveryInterval);
    }

    protected override bool AroundReceive(Receive receive, object message)
    {
        _recoveryWaiters.Note(IsRecoveryFinished, message is CaseRequest or CaseStep or CaseRepeat or GetCaseState, Sender);
        return base.AroundReceive(receive, message);
    }

    /// <summary>The journal could not be read (unavailable, or an event this code cannot fold): the entity stops, and
    /// the next message tries again.</summary>
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _recoveryWaiters.AnswerAll(new CaseUnavailable(_caseId, "The case could not be read from its journal; nothing was changed. Try again."));
        base.OnRecoveryFailure(reason, message);
    }

    /// <summary>The journal refused the write (locked, full, gone): nothing was applied. Answer "unavailable";
    /// the entity then stops, and the next message recovers it from what was persisted.</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistFailure(cause, @event, sequenceNr);
        if (_awaitingPersist is (var replyTo, var command))
            Answer(replyTo, command, new CaseUnavailable(_caseId, "The case journal is unavailable; nothing was changed. Try again."));
        _awaitingPersist = null;
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        if (_awaitingPersist is (var replyTo, var command))
            Answer(replyTo, command, new CaseUnavailable(_caseId, "The case journal rejected the change; nothing was changed."));
        _awaitingPersist = null;
    }

    private sealed record WaybillAnswer(Decided Request, IActorRef ReplyTo, object Answer);

    /// <summary>A command the case admitted and decided, on its way to the journal.</summary>
    private sealed record Decided(string CommandId, CaseCommand Command, string? RequestHash);

    private sealed class Redeliver : INotInfluenceReceiveTimeout
    {
        public static readonly Redeliver Instance = new();
    }
}
