using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using Microsoft.AspNetCore.Http;

namespace KuaSheng.Api.Cases;

// Request bodies as API.md spells them. Enums bind from kebab-case names; anything else is a 400.

public sealed record SubmitCaseBody(
    string? ItemCode, HandlingMode Mode, Channel Channel, string? ReceivingUnitId, ApplicantBody? Applicant, AgentBody? Agent,
    string? CounterpartRegion, IReadOnlyList<MaterialBody>? Materials, DeliveryBody? Delivery);

public sealed record ApplicantBody(ApplicantKind Kind, string? Name, string? IdNumber, string? Phone, string? Region, string? TownCode);

public sealed record AgentBody(string? Name, string? IdNumber, string? Phone, string? Relation);

public sealed record MaterialBody(string? Name, bool Original);

public sealed record DeliveryBody(DeliveryMethod Method, string? Address);

public sealed record FormReviewBody(bool Passed, IReadOnlyList<string>? Missing, string? Note);

public sealed record SupplementBody(IReadOnlyList<MaterialBody>? Materials);

public static class MaterialBodies
{
    /// <summary>A 400 when a material is JSON <c>null</c> (<c>"materials": [null]</c> reached the handlers and threw: a 500).</summary>
    public static IResult? NullEntry(IReadOnlyList<MaterialBody?>? materials)
    {
        var index = materials is null ? -1 : materials.ToList().FindIndex(m => m is null);
        return index < 0 ? null : Problems.Problem.Validation($"materials[{index}]", "Each material is an object: {name, original}.");
    }
}

public sealed record IdentityBody(IdentityMethod Method, bool Passed);

public sealed record ReasonBody(string? Reason);

public sealed record AcceptanceBody(bool Accepted, string? Reason);

public sealed record DecisionBody(DecisionOutcome Outcome, string? Reason, ResultDocumentBody? ResultDocument);

public sealed record ResultDocumentBody(string? Title, string? Number, string? Url);

public sealed record MailingBody(MailingPurpose Purpose, string? Carrier, string? WaybillNumber);

public sealed record ResultDeliveryBody(DeliveryMethod Method, string? WaybillNumber, string? Carrier, string? Url);

public sealed record SuspensionBody(SuspensionKind Kind, string? Reason, int? WorkingDays);

public sealed record RatingBody(RatingLevel Level, string? Comment, string? Channel);

public sealed record NoteBody(string? Note);
