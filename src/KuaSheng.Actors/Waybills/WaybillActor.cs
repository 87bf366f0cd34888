using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Persistence;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Waybills;

/// <summary>
/// One waybill (运单), persistence id <c>waybill-{number}</c>: which case and mailing it belongs to, and every carrier
/// event seen. Carrier events are idempotent here (the same status at the same time is one event) and reach their
/// case at least once: each is re-sent until the case answers, also after a restart.
/// That the case has an event is not journaled: the case ignores a report it already has and writes nothing for it
/// (<c>MailTracking.IsDuplicate</c>), so a waybill that starts again (after a crash, a hand-over or passivation) hands
/// its reports to its case once more, which costs a message per report, where a row per delivered report cost a
/// journal write on every carrier report (issue #12: flow9 wrote 0.55 waybill rows per command).
/// </summary>
public sealed class WaybillActor : MeteredPersistentActor, IWithTimers
{
    private readonly string _number;
    private readonly IActorRef _cases;
    private readonly TimeSpan _redelivery;
    private readonly TimeSpan _askTimeout;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<(CarrierStatus, DateTimeOffset)> _seen = [];
    private readonly Dictionary<(CarrierStatus, DateTimeOffset), CarrierEventAccepted> _undelivered = [];
    private readonly HashSet<(CarrierStatus, DateTimeOffset)> _inFlight = [];
    private string? _caseId;
    private string? _mailingId;
    private CarrierStatus? _last;

    public WaybillActor(string number, IActorRef cases, TimeSpan redelivery, TimeSpan askTimeout, TimeSpan passivateAfter) : base("waybill")
    {
        _number = number;
        _cases = cases;
        _redelivery = redelivery;
        _askTimeout = askTimeout;

        Recover<WaybillRegistered>(Apply);
        Recover<CarrierEventAccepted>(Apply);
        Recover<CarrierEventDelivered>(Apply);
        Recover<RecoveryCompleted>(_ => DeliverPending());

        Command<ReserveWaybill>(Reserve);
        Command<TrackWaybill>(Track);
        Command<GetWaybill>(_ => Sender.Tell(new WaybillInfo(_number, _caseId, _mailingId, _last, _seen.Count)));
        Command<Delivered>(d =>
        {
            _inFlight.Remove(d.Key);
            _undelivered.Remove(d.Key);
            RedeliverWhilePending();
        });
        Command<NotDelivered>(d => _inFlight.Remove(d.Key));
        Command<Redeliver>(_ => DeliverPending());
        Command<ReceiveTimeout>(_ =>
        {
            if (_undelivered.Count == 0) Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        });
        Context.SetReceiveTimeout(passivateAfter);
    }

    public override string PersistenceId => $"waybill-{_number}";
    public ITimerScheduler Timers { get; set; } = null!;

    private void Reserve(ReserveWaybill r)
    {
        if (_caseId is null)
        {
            var replyTo = Sender;
            PersistMeasured(new WaybillRegistered(r.CaseId, r.MailingId), e =>
            {
                Apply(e);
                Answer(replyTo, r, new WaybillReserved(_number, r.CaseId, r.MailingId));
            });
        }
        else if (_caseId == r.CaseId && _mailingId == r.MailingId) Answer(Sender, r, new WaybillReserved(_number, r.CaseId, r.MailingId));
        else Answer(Sender, r, new WaybillTaken(_number));
    }

    private void Track(TrackWaybill t)
    {
        if (_caseId is null)
        {
            Answer(Sender, t, new WaybillUnknown(_number));
            return;
        }
        var key = (t.Status, t.At);
        if (_seen.Contains(key))
        {
            Answer(Sender, t, new TrackingAccepted(_number, _caseId, Duplicate: true));
            return;
        }
        var replyTo = Sender;
        PersistMeasured(new CarrierEventAccepted(t.Status, t.At, t.SignedBy), e =>
        {
            Apply(e);
            Answer(replyTo, t, new TrackingAccepted(_number, _caseId!, Duplicate: false));
            DeliverPending();
        });
    }

    private void Apply(WaybillRegistered e) => (_caseId, _mailingId) = (e.CaseId, e.MailingId);

    private void Apply(CarrierEventAccepted e)
    {
        _seen.Add((e.Status, e.At));
        _undelivered[(e.Status, e.At)] = e;
        if (_last is null || e.Status > _last) _last = e.Status;
    }

    /// <summary>Journals written before deliveries stopped being journaled hold these.</summary>
    private void Apply(CarrierEventDelivered e) => _undelivered.Remove((e.Status, e.At));

    private void DeliverPending()
    {
        if (_caseId is null) return;
        foreach (var (key, e) in _undelivered.Where(u => !_inFlight.Contains(u.Key)))
        {
            _inFlight.Add(key);
            var request = new CaseRequest(_caseId, $"carrier:{_number}:{e.Status}:{e.At.UtcTicks}",
                new RecordCarrierEvent(_number, e.Status, e.At, e.SignedBy, new CommandActor("carrier", "tracking", null)));
            _cases.Ask<object>(request, _askTimeout).PipeTo(Self,
                success: answer => answer switch
                {
                    // A case that does not know the waybill yet is still recording the mailing: try again later.
                    CaseReply { Refusal.Code: RefusalCodes.NotFound } => new NotDelivered(key),
                    CaseReply => new Delivered(key),
                    _ => new NotDelivered(key),
                },
                failure: _ => new NotDelivered(key));
        }
        RedeliverWhilePending();
    }

    /// <summary>The redelivery timer runs while a report waits for its case, and only then.</summary>
    private void RedeliverWhilePending()
    {
        if (_undelivered.Count == 0) Timers.Cancel(Redeliver.Instance);
        else if (!Timers.IsTimerActive(Redeliver.Instance)) Timers.StartPeriodicTimer(Redeliver.Instance, Redeliver.Instance, _redelivery);
    }

    private sealed record Delivered((CarrierStatus, DateTimeOffset) Key);

    private sealed record NotDelivered((CarrierStatus, DateTimeOffset) Key);

    private sealed class Redeliver : INotInfluenceReceiveTimeout
    {
        public static readonly Redeliver Instance = new();
    }
}
