using Akka.Actor;
using Akka.Persistence;

namespace KuaSheng.Actors.Cases;

/// <summary>
/// Answers a repeated command that is no longer the case's last one as it was answered the first time: reads the
/// case's journal up to that command's row (never writing), folds it and sends the state of then as a duplicate reply,
/// then stops. A child of the case, so it ends with it; the case goes on meanwhile.
/// </summary>
internal sealed class CaseHistoryReader : ReceivePersistentActor
{
    private readonly long _upTo;
    private readonly IActorRef _replyTo;
    private readonly string _caseId;

    public CaseHistoryReader(string caseId, string persistenceId, long upTo, DateTimeOffset? at, IActorRef replyTo)
    {
        PersistenceId = persistenceId;
        _upTo = upTo;
        _replyTo = replyTo;
        _caseId = caseId;
        Domain.Cases.CaseState? state = null;
        Recover<CaseJournalBatch>(b => state = CaseHistory.Fold(state, b.Events));
        Recover<CaseJournalEvent>(e => state = CaseHistory.Fold(state, e.Event));
        Recover<RecoveryCompleted>(_ =>
        {
            replyTo.Tell(state is null
                ? new CaseUnavailable(caseId, "The case's history could not be read; try again.")
                : new CaseReply(caseId, state, null, Duplicate: true, DecidedAt: at));
            Context.Stop(Self);
        });
    }

    public override string PersistenceId { get; }

    public override Recovery Recovery => new(SnapshotSelectionCriteria.None, _upTo);

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _replyTo.Tell(new CaseUnavailable(_caseId, "The case's history could not be read; try again."));
        base.OnRecoveryFailure(reason, message);
    }
}
