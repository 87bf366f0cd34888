namespace KuaSheng.Api.Audit;

/// <summary>
/// One audit record: when (UTC, the wall clock, never the dev clock), who (subject, role and unit(s) as the token
/// named them; none for a request without a valid token), what (<see cref="Operation"/>: the endpoint's operationId of
/// the OpenAPI document, or an action such as <see cref="AuditActions.PublicCaseLocked"/>, and its target: an item code,
/// a unit id, a year, a projection, a member address, a case number), from where (<see cref="Hardening.ClientAddress"/>)
/// and the outcome (HTTP status and problem code). Values the caller chose pass through <see cref="Domain.Audit.AuditText"/>.
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, string? Subject, string? Role, string? Unit, string Operation, string? Target,
    string ClientAddress, int Status, string? ProblemCode);

/// <summary>A stored record, as <c>GET /admin/audit</c> lists it (<see cref="Id"/> grows with each record a database
/// stores; <see cref="Node"/> is the node that wrote it).</summary>
public sealed record AuditRecordView(long Id, DateTimeOffset At, string? Subject, string? Role, string? Unit, string Operation,
    string? Target, string ClientAddress, int Status, string? Code, string? Node);

/// <summary>A page of records, newest first; <see cref="Next"/> is the cursor of the next (older) page, absent on the last.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecordView> Items, string? Next);

/// <summary>Audited actions that are not an endpoint's operation.</summary>
public static class AuditActions
{
    /// <summary>A case's public look-up and rating were locked after too many wrong query codes.</summary>
    public const string PublicCaseLocked = "PublicCaseLocked";

    /// <summary>Someone signed in to the console through the identity provider (status 200), or was refused because the
    /// provider's claims give no role of API.md (403): subject, role and unit(s) as mapped, nothing else of the provider's.</summary>
    public const string ConsoleSignIn = "ConsoleSignIn";
}
