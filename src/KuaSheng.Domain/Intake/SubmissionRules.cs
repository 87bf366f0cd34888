using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Regions;
using KuaSheng.Domain.Routing;
using KuaSheng.Domain.Units;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Domain.Intake;

/// <summary>
/// 收件 checks: turns an application into a <see cref="SubmitCase"/> or a refusal naming every bad field at once
/// (`applicant.idNumber`: what is wrong, in words a clerk understands). Routing happens here, so a case that no
/// unit can take is refused at the door (409 no-route) instead of waiting forever.
/// </summary>
public static class SubmissionRules
{
    private const int MaxNameLength = 100;

    public static (SubmitCase? Command, Refusal? Refusal) Prepare(
        CaseApplication app, CaseIdentity identity, ItemCatalogue catalogue, UnitDirectory units, DateOnly today, CommandActor by)
    {
        var errors = new FieldErrors();
        var warnings = new List<string>();

        var item = string.IsNullOrWhiteSpace(app.ItemCode) ? null : catalogue.Find(app.ItemCode.Trim());
        if (item is null) errors.Add("itemCode", string.IsNullOrWhiteSpace(app.ItemCode)
            ? "Choose the catalogue item (事项编码)."
            : $"There is no catalogue item {app.ItemCode} (事项不存在).");
        else if (item.Status == ItemStatus.Retired) errors.Add("itemCode", $"Item {item.Code} has been retired and takes no new applications (事项已停用).");
        else CheckMode(app, item, errors);

        var receiving = CheckReceivingUnit(app, units, errors);
        var applicant = CheckApplicant(app.Applicant, today, errors, warnings);
        var agent = app.Agent is null ? null : CheckAgent(app.Agent, today, errors);
        var counterpart = CheckCounterpart(app, item, errors);
        CheckInPlace(app, item, errors);
        CheckMaterials(app, item, errors);
        if (app.Delivery.Method == DeliveryMethod.Mail && string.IsNullOrWhiteSpace(app.Delivery.Address))
            errors.Add("delivery.address", "A mailed result needs the delivery address (邮寄地址).");

        if (errors.Any) return (null, errors.ToRefusal());

        var (legs, noRoute) = RoutingPlanner.Plan(item!, units, RouteRequest.For(applicant!, receiving, counterpart));
        if (noRoute is not null) return (null, noRoute);

        return (new SubmitCase(identity.CaseId, identity.CaseNumber, identity.QueryCodeHash, ItemTerms.Of(item!), app.Mode, app.Channel,
            receiving?.Id, applicant!, agent, counterpart, app.Materials, app.Delivery, legs, warnings, by), null);
    }

    private static void CheckMode(CaseApplication app, CatalogueItem item, FieldErrors errors)
    {
        if (!item.Supports(app.Mode))
            errors.Add("mode", $"Item {item.Code} supports {string.Join(", ", item.Modes.Select(m => m.ToKebab()))}, not {app.Mode.ToKebab()}.");
        else if (app.Mode == HandlingMode.Online && app.Channel == Channel.Window)
            errors.Add("channel", "An online case (全程网办) is not received at a window; use mode proxy for a window.");
        else if (app.Mode == HandlingMode.Proxy && app.Channel == Channel.Online)
            errors.Add("mode", "A case applied for online directly uses mode online (全程网办).");
    }

    private static Unit? CheckReceivingUnit(CaseApplication app, UnitDirectory units, FieldErrors errors)
    {
        if (app.Channel == Channel.Online) return null;
        if (string.IsNullOrWhiteSpace(app.ReceivingUnitId))
        {
            errors.Add("receivingUnitId", "Name the receiving window (收件单位).");
            return null;
        }
        var unit = units.Find(app.ReceivingUnitId);
        if (unit is null) errors.Add("receivingUnitId", $"There is no unit {app.ReceivingUnitId}.");
        else if (!unit.CanReceive) errors.Add("receivingUnitId", $"{unit.Name} is not a window and does not receive applications.");
        return unit;
    }

    private static Applicant? CheckApplicant(ApplicantInput a, DateOnly today, FieldErrors errors, List<string> warnings)
    {
        var name = CheckName("applicant.name", a.Name, errors);
        string? id;
        string? idRegion;
        if (a.Kind == ApplicantKind.Person)
        {
            var result = ResidentIdNumber.Validate(a.IdNumber, today);
            errors.AddAll("applicant.idNumber", result);
            id = result.Value;
            idRegion = id is null ? null : ResidentIdNumber.RegionPrefix(id);
        }
        else
        {
            // 统一社会信用代码: a failed check digit is recorded, not refused (some real codes fail it).
            var result = UnifiedSocialCreditCode.Validate(a.IdNumber);
            errors.AddAll("applicant.idNumber", result);
            warnings.AddRange(result.Warnings.Select(w => $"applicant.idNumber: {w.Message}"));
            id = result.Value;
            idRegion = id?[2..8]; // 登记管理机关行政区划码
        }
        var phone = MobileNumber.Validate(a.Phone);
        errors.AddAll("applicant.phone", phone);

        var region = string.IsNullOrWhiteSpace(a.Region) ? idRegion : a.Region.Trim();
        if (region is not null && !IsCountyCode(region))
            errors.Add("applicant.region", "A region is a 6-digit GB/T 2260 code, e.g. 500110 (行政区划代码).");
        var town = string.IsNullOrWhiteSpace(a.TownCode) ? null : a.TownCode.Trim();
        if (town is not null && !(town.Length == 9 && RegionCode.IsWellFormed(town)))
            errors.Add("applicant.townCode", "A town or street code has 9 digits, e.g. 500110001 (乡镇街道代码).");

        if (name is null || id is null || !phone.IsValid || region is null || errors.Has("applicant.region") || errors.Has("applicant.townCode"))
            return null;
        return new Applicant(a.Kind, name, id, phone.Value, region, town);
    }

    private static Agent? CheckAgent(AgentInput a, DateOnly today, FieldErrors errors)
    {
        var name = CheckName("agent.name", a.Name, errors);
        var id = ResidentIdNumber.Validate(a.IdNumber, today);
        errors.AddAll("agent.idNumber", id);
        var phone = MobileNumber.Validate(a.Phone);
        errors.AddAll("agent.phone", phone);
        var relation = CheckName("agent.relation", a.Relation, errors);
        return name is null || !id.IsValid || !phone.IsValid || relation is null ? null : new Agent(name, id.Value, phone.Value, relation);
    }

    private static string? CheckCounterpart(CaseApplication app, CatalogueItem? item, FieldErrors errors)
    {
        var value = string.IsNullOrWhiteSpace(app.CounterpartRegion) ? null : app.CounterpartRegion.Trim();
        if (value is not null && !IsCountyCode(value))
            errors.Add("counterpartRegion", "The counterpart region is a 6-digit GB/T 2260 code (转出地/迁出地行政区划代码).");
        else if (value is null && item is { IsJoint: true })
            errors.Add("counterpartRegion", $"Item {item.Code} is handled jointly: give the other place (转出地/迁出地) as a region code.");
        return value;
    }

    /// <summary>Online there is no receiving window: the in-place of a joint item (转入地 / 迁入地) is the region the applicant
    /// declares. The ID number's region would be a guess: it is where the person was first registered.</summary>
    private static void CheckInPlace(CaseApplication app, CatalogueItem? item, FieldErrors errors)
    {
        if (app.Channel == Channel.Online && item is { IsJoint: true } && string.IsNullOrWhiteSpace(app.Applicant.Region))
            errors.Add("applicant.region", $"Item {item.Code} is handled jointly and applied for online: give the region you are " +
                                           "moving to (转入地/迁入地行政区划代码), e.g. 500110; it is not taken from the ID number.");
    }

    private static void CheckMaterials(CaseApplication app, CatalogueItem? item, FieldErrors errors)
    {
        if (app.Materials.Count == 0) errors.Add("materials", "List the materials handed in (申请材料).");
        for (var i = 0; i < app.Materials.Count; i++)
            CheckName($"materials[{i}].name", app.Materials[i].Name, errors);
        if (item is { RequiresOriginals: true } && app.Materials.Count > 0 && !app.Materials.Any(m => m.Original))
            errors.Add("materials", $"Item {item.Code} needs originals examined (原件): mark the materials whose originals will be sent.");
    }

    private static bool IsCountyCode(string code) => code.Length == 6 && RegionCode.IsWellFormed(code);

    private static string? CheckName(string field, string? value, FieldErrors errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) errors.Add(field, "This field is required (此项为必填项).");
        else if (text.Length > MaxNameLength) errors.Add(field, $"At most {MaxNameLength} characters (最多{MaxNameLength}个字符).");
        else return text;
        return null;
    }
}
