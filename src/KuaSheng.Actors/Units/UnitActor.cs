using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Persistence;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Units;

/// <summary>
/// One implementing unit (实施单位) or window, persistence id <c>unit-{id}</c>. Always running: it holds its worklist
/// (open legs) and is the durable timer of its cases' deadlines — when one falls due it tells the case, which records
/// the miss once. Deadlines that fell due while the system was down fire at start-up, on the first check. It writes only
/// the views that change what it must find again after a restart (<see cref="UnitViewDurability"/>), one write at a
/// time, the views that arrived meanwhile together as the next row.
/// </summary>
public sealed class UnitActor : MeteredPersistentActor, IWithTimers
{
    private readonly string _unitId;
    private readonly UnitActorSettings _settings;
    private readonly IActorRef _cases;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, SyncCaseToUnit> _views = new(StringComparer.Ordinal);
    /// <summary>When a miss was last reported to its case (in memory: after a restart it is reported again, and the
    /// case ignores a repeat).</summary>
    private readonly Dictionary<string, DateTimeOffset> _missReported = new(StringComparer.Ordinal);
    private readonly SnapshotSchedule _snapshots;
    /// <summary>Views waiting for the write under way, with whom to acknowledge.</summary>
    private readonly List<(SyncCaseToUnit View, IActorRef ReplyTo)> _toWrite = [];
    /// <summary>Cases with a view waiting or being written: their next view is written too (it is compared with what
    /// the journal will hold, not with what the unit held before).</summary>
    private readonly HashSet<string> _unwritten = new(StringComparer.Ordinal);
    private bool _writing;

    public UnitActor(string unitId, UnitActorSettings settings, IActorRef cases) : base("unit")
    {
        _unitId = unitId;
        _settings = settings;
        _cases = cases;

        _snapshots = new SnapshotSchedule(settings.SnapshotEvery);
        Recover<SnapshotOffer>(offer =>
        {
            _snapshots.Recovered(offer.Metadata.SequenceNr);
            foreach (var view in ((UnitSnapshot)offer.Snapshot).Views) _views[view.CaseId] = view;
        });
        Recover<UnitCaseViewUpdated>(e => Apply(e.View));
        Recover<UnitCaseViewsUpdated>(e => { foreach (var view in e.Views) Apply(view); });
        Recover<RecoveryCompleted>(_ =>
        {
            Timers.StartPeriodicTimer(CheckDeadlines.Instance, CheckDeadlines.Instance, TimeSpan.Zero, settings.DeadlineCheckInterval);
        });

        Command<SyncCaseToUnit>(OnSync);
        Command<GetWorklist>(_ => Sender.Tell(Worklist()));
        Command<WakeUnit>(_ => { });
        Command<CheckDeadlines>(_ => ReportMissedDeadlines());
        Command<CaseReply>(_ => { }); // the case answers a miss report; the state comes with its next sync
        Command<CaseUnavailable>(u => _log.Warning("Case {0} could not record a missed deadline: {1}", u.CaseId, u.Reason));
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Snapshot of unit {0} failed", _unitId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public override string PersistenceId => $"unit-{_unitId}";
    public ITimerScheduler Timers { get; set; } = null!;

    private void OnSync(SyncCaseToUnit view)
    {
        var ack = new CaseSyncAck(_unitId, view.CaseId, view.CaseVersion);
        _views.TryGetValue(view.CaseId, out var known);
        if (known is not null && known.CaseVersion >= view.CaseVersion || !_unwritten.Contains(view.CaseId) && !UnitViewDurability.MustWrite(known, view))
        {
            // Already known (a redelivery), or nothing the unit must find again after a restart: no write.
            if (known is not null) Apply(view);
            Sender.Tell(ack);
            return;
        }
        _toWrite.Add((view, Sender));
        _unwritten.Add(view.CaseId);
        if (!_writing) WriteBuffered();
    }

    /// <summary>Group commit: one write at a time; the views that arrive meanwhile wait in <see cref="_toWrite"/> and go
    /// as one row when it completes (PersistAsync: the unit keeps taking syncs while it writes). A view is applied and
    /// acknowledged once written.</summary>
    private void WriteBuffered()
    {
        var batch = _toWrite.ToList();
        _toWrite.Clear();
        _writing = true;
        PersistAsyncMeasured(new UnitCaseViewsUpdated(batch.Select(b => b.View).ToList()), _ =>
        {
            _writing = false;
            foreach (var (view, replyTo) in batch)
            {
                Apply(view);
                replyTo.Tell(new CaseSyncAck(_unitId, view.CaseId, view.CaseVersion));
            }
            _unwritten.Clear();
            foreach (var (view, _) in _toWrite) _unwritten.Add(view.CaseId);
            if (_snapshots.Due(LastSequenceNr, _views.Count)) SaveSnapshot(new UnitSnapshot(_views.Values.ToList()));
            if (_toWrite.Count > 0) WriteBuffered();
        });
    }

    private void Apply(SyncCaseToUnit view)
    {
        if (_views.TryGetValue(view.CaseId, out var known) && known.CaseVersion >= view.CaseVersion) return;
        if (!view.KeepsWork()) _views.Remove(view.CaseId); // a case stays while it is work here (UnitWork)
        else
        {
            var caseId = known?.CaseId ?? view.CaseId; // the key and the view share one string
            _views[caseId] = UnitViewCompaction.Compact(view, _unitId, caseId);
        }
    }

    /// <summary>超期: a deadline whose due day has passed is reported to its case, again after a while if the case's
    /// next sync does not show it recorded.</summary>
    private void ReportMissedDeadlines()
    {
        var now = _settings.Clock.Now;
        var today = CaseContext.ChinaDate(now);
        foreach (var view in _views.Values.Where(v => !v.ClockPaused))
        foreach (var deadline in view.Deadlines.Where(d => !d.Missed && d.Due < today))
        {
            var key = $"{view.CaseId}/{deadline.DeadlineId}";
            if (_missReported.TryGetValue(key, out var at) && now - at < _settings.MissRetryAfter) continue;
            _missReported[key] = now;
            _cases.Tell(new CaseRequest(view.CaseId, $"miss:{deadline.DeadlineId}",
                new MarkDeadlineMissed(deadline.DeadlineId, new CommandActor("unit", _unitId, _unitId))));
        }
    }

    private Worklist Worklist()
    {
        var legs = _views.Values
            .SelectMany(v => v.OpenLegs().Select(l => new WorklistLeg(v.CaseId, v.ItemCode, l.LegId, l.Role, l.Status)))
            .OrderBy(l => l.CaseId, StringComparer.Ordinal).ToList();
        var deadlines = _views.Values
            .SelectMany(v => v.Deadlines.Select(d => new WorklistDeadline(v.CaseId, d.DeadlineId, d.Step, d.LegId, d.Due, d.Provisional, d.Missed)))
            .OrderBy(d => d.Due).ThenBy(d => d.CaseId, StringComparer.Ordinal).ToList();
        return new Worklist(_unitId, legs, deadlines);
    }

    private sealed class CheckDeadlines : INotInfluenceReceiveTimeout
    {
        public static readonly CheckDeadlines Instance = new();
    }
}
