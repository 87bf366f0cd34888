using Akka.Actor;
using Akka.Hosting;
using KuaSheng.Actors;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Hosting;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Api.Cases;

/// <summary>The answer of a case to the API: its state, a refusal, or "unavailable" (journal or cluster not ready).
/// <paramref name="Duplicate"/>: the command had been applied before (the state it left), or with a refusal, its id was
/// used with another request. <paramref name="DecidedAt"/>: when the command was decided.</summary>
public sealed record CaseAnswer(CaseState? State, Refusal? Refusal, string? Unavailable, bool Duplicate, DateTimeOffset? DecidedAt = null);

/// <summary>Sends commands and queries to case entities through the shard region, again every second until answered
/// (the entity de-duplicates by command id): a case whose node was killed answers as soon as its shard moved.</summary>
public sealed class CaseGateway(IRequiredActor<CaseRegion> region)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>A command its sender has authorized (a submission, a public rating, a calendar recount).
    /// <paramref name="repeatOnly"/>: see <see cref="Step"/>.</summary>
    public Task<CaseAnswer> Send(string caseId, string commandId, CaseCommand command, CancellationToken ct, string? requestHash = null,
        bool repeatOnly = false) =>
        Ask(repeatOnly ? Repeat(caseId, commandId, command, requestHash) : new CaseRequest(caseId, commandId, command, requestHash), ct);

    /// <summary>A caller's step: the case decides whether the caller may take it. <paramref name="requestHash"/>: of the
    /// request with an Idempotency-Key that carried it (the case refuses its command id with another request).
    /// <paramref name="repeatOnly"/>: the case only answers again a command id it applied with this request, and
    /// decides nothing (<see cref="CaseRepeat"/>, <see cref="Idempotency.EntityKeepsAnswers.RepeatOnlyItem"/>).</summary>
    public Task<CaseAnswer> Step(string caseId, string commandId, CaseCommand command, Caller caller, string? requestHash, CancellationToken ct,
        bool repeatOnly = false) =>
        Ask(repeatOnly ? Repeat(caseId, commandId, command, requestHash) : new CaseStep(caseId, commandId, command, caller, requestHash), ct);

    private static CaseRepeat Repeat(string caseId, string commandId, CaseCommand command, string? requestHash) =>
        new(caseId, commandId, command, requestHash ?? throw new ArgumentNullException(nameof(requestHash), "A repeat names its request."));

    public Task<CaseAnswer> Get(string caseId, CancellationToken ct) => Ask(new GetCaseState(caseId), ct);

    private async Task<CaseAnswer> Ask(object message, CancellationToken ct)
    {
        try
        {
            var actor = await region.GetAsync(ct);
            return await actor.AskResending<object>(message, Timeout, ct) switch
            {
                CaseReply r => new CaseAnswer(r.State, r.Refusal, null, r.Duplicate, r.DecidedAt),
                CaseUnavailable u => new CaseAnswer(null, null, u.Reason, false),
                var other => new CaseAnswer(null, null, $"Unexpected answer {other.GetType().Name}.", false),
            };
        }
        catch (AskTimeoutException)
        {
            return new CaseAnswer(null, null, "The case did not answer in time; the cluster or its database may be busy. Try again.", false);
        }
    }
}
