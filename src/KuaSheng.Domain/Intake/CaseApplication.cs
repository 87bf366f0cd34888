using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;

namespace KuaSheng.Domain.Intake;

/// <summary>An application as a window, the online platform or an integration hands it in (收件), before checks.</summary>
public sealed record CaseApplication(
    string? ItemCode,
    HandlingMode Mode,
    Channel Channel,
    string? ReceivingUnitId,
    ApplicantInput Applicant,
    AgentInput? Agent,
    string? CounterpartRegion,
    IReadOnlyList<Material> Materials,
    DeliveryPreference Delivery);

public sealed record ApplicantInput(ApplicantKind Kind, string? Name, string? IdNumber, string? Phone, string? Region, string? TownCode);

public sealed record AgentInput(string? Name, string? IdNumber, string? Phone, string? Relation);

/// <summary>Identity of the new case, chosen by the caller (the case id derives from the caller and its idempotency key).</summary>
public sealed record CaseIdentity(string CaseId, string CaseNumber, string QueryCodeHash);
