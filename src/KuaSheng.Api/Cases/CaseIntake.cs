using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Intake;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Api.Cases;

/// <summary>A submission checked and ready to send: the command (with its legs: the routing plan), the case's identity
/// and the query code to hand out.</summary>
public sealed record PreparedSubmission(SubmitCase Command, string QueryCode);

/// <summary>
/// 收件 for every surface: who may submit for which unit and on which channel (<see cref="CaseAccess"/>), the checks and
/// the routing (<see cref="SubmissionRules"/>), and one send through the gateway. <c>POST /cases</c> and the console's
/// 收件登记 both come here; the console also uses <see cref="Prepare"/> alone to show the routing plan before submitting.
/// The case id derives from the caller and <c>key</c> (<see cref="CaseIds.NewCaseId"/>), so the same key is the same case.
/// </summary>
public sealed class CaseIntake(CaseEndpointSupport support)
{
    public (PreparedSubmission? Submission, Refusal? Refusal) Prepare(Caller caller, SubmitCaseBody body, string? key)
    {
        if (!CaseAccess.MaySubmit(caller)) return (null, Refusal.Forbidden("Only windows and integrations receive applications."));
        if (caller.Role == Roles.Window && body.Channel != Channel.Window)
            return (null, Refusal.Invalid("channel", "A window receives applications on channel window."));
        if (!CaseAccess.MaySubmitFor(caller, body.Channel, body.ReceivingUnitId))
            return (null, Refusal.Forbidden($"You may not receive applications for unit {QuotedValue.Shown(body.ReceivingUnitId)}."));
        if (body.Applicant is null) return (null, Refusal.Invalid("applicant", "The applicant (申请人) is required."));
        if (body.Delivery is null) return (null, Refusal.Invalid("delivery", "Choose how the result is delivered (mail, electronic or pickup)."));

        var caseId = support.Ids.NewCaseId(caller, key);
        var queryCode = support.Ids.QueryCode(caseId);
        var identity = new CaseIdentity(caseId, CaseIds.CaseNumber(caseId, support.Today), CaseIds.HashQueryCode(queryCode));
        var application = new CaseApplication(body.ItemCode, body.Mode, body.Channel, body.Channel == Channel.Online ? null : body.ReceivingUnitId,
            new ApplicantInput(body.Applicant.Kind, body.Applicant.Name, body.Applicant.IdNumber, body.Applicant.Phone, body.Applicant.Region, body.Applicant.TownCode),
            body.Agent is { } a ? new AgentInput(a.Name, a.IdNumber, a.Phone, a.Relation) : null,
            body.CounterpartRegion,
            (body.Materials ?? []).Select(m => new Material(m.Name?.Trim() ?? "", m.Original)).ToList(),
            new DeliveryPreference(body.Delivery.Method, body.Delivery.Address));
        var reference = support.Reference.Current;
        var (command, refusal) = SubmissionRules.Prepare(application, identity, reference.Catalogue, reference.Units, support.Today,
            caller.AsActor(body.ReceivingUnitId));
        return refusal is not null ? (null, refusal) : (new PreparedSubmission(command!, queryCode), null);
    }

    /// <summary>Sends a prepared submission as command <paramref name="commandId"/> (the entity de-duplicates by it, and
    /// with <paramref name="requestHash"/> answers a repeat as the first time, another request with the id 409).
    /// <paramref name="repeatOnly"/>: the case only answers again (<see cref="CaseGateway.Step"/>).</summary>
    public Task<CaseAnswer> SendAsync(PreparedSubmission submission, string commandId, CancellationToken ct, string? requestHash = null,
        bool repeatOnly = false) =>
        support.Gateway.Send(submission.Command.CaseId, commandId, submission.Command, ct, requestHash, repeatOnly);
}
