using KuaSheng.Domain.Validation;

namespace KuaSheng.Bench.Suite;

/// <summary>
/// The bench's mix: the three handling modes (bodies as in tests/KuaSheng.Api.Tests), with the tokens
/// <see cref="CaseFlows"/> set up. Online 1-15 (6 commands: submission straight to qj-hrss, acceptance, decision,
/// electronic result, collected, the applicant's public rating); proxy 1-1 with an original (9: submission at
/// qj-window, form review, identity, acceptance, originals received, decision at qj-notary, pickup, collected, rating);
/// joint 1-7 pension transfer (10: submission, form review, identity, two acceptances, two decisions at qj-hrss and a
/// Sichuan unit registered at start, pickup, collected, rating).
/// </summary>
internal static class MixFlows
{
    private static readonly string QijiangId = "50011019850612002" + ResidentIdNumber.ComputeCheckCharacter("50011019850612002");
    private static readonly object Certificate = new { title = "决定书", number = "QJ-2026-001" };

    public static CaseFlow Online(IReadOnlyDictionary<string, string> tokens)
    {
        var (platform, hrss) = (tokens["platform"], tokens["hrss"]);
        return new CaseFlow("online",
        [
            new(platform, _ => "/api/v1/cases", Application("1-15", "online", "online", null, "electronic")),
            new(hrss, f => $"/api/v1/cases/{f.CaseId}/legs/leg1/acceptance", new { accepted = true }),
            new(hrss, f => $"/api/v1/cases/{f.CaseId}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate }),
            new(hrss, f => $"/api/v1/cases/{f.CaseId}/result-delivery", new { method = "electronic", url = "https://zwfw.example/r/1" }),
            new(hrss, f => $"/api/v1/cases/{f.CaseId}/result-collected", null),
            new(null, f => $"/api/v1/public/cases/{f.CaseNumber}/rating?queryCode={f.QueryCode}", new { level = "very-satisfied", channel = "online" }),
        ]);
    }

    public static CaseFlow Proxy(IReadOnlyDictionary<string, string> tokens)
    {
        var (window, notary) = (tokens["window"], tokens["notary"]);
        return new CaseFlow("proxy",
        [
            new(window, _ => "/api/v1/cases", Application("1-1", "proxy", "window", "qj-window", "pickup", original: true)),
            .. WindowChecks(window),
            new(notary, f => $"/api/v1/cases/{f.CaseId}/legs/leg1/acceptance", new { accepted = true }),
            new(notary, f => $"/api/v1/cases/{f.CaseId}/originals-received", null),
            new(notary, f => $"/api/v1/cases/{f.CaseId}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate }),
            .. PickupAndRating(window),
        ]);
    }

    public static CaseFlow Joint(IReadOnlyDictionary<string, string> tokens)
    {
        var (window, hrss, sichuan) = (tokens["window"], tokens["hrss"], tokens["sichuan"]);
        return new CaseFlow("joint",
        [
            new(window, _ => "/api/v1/cases", Application("1-7", "joint", "window", "qj-window", "pickup", region: "500110", counterpart: "510107")),
            .. WindowChecks(window),
            new(hrss, f => $"/api/v1/cases/{f.CaseId}/legs/leg1/acceptance", new { accepted = true }),
            new(sichuan, f => $"/api/v1/cases/{f.CaseId}/legs/leg2/acceptance", new { accepted = true }),
            new(sichuan, f => $"/api/v1/cases/{f.CaseId}/legs/leg2/decision", new { outcome = "approved", resultDocument = new { title = "转出联系函", number = "SC-1" } }),
            new(hrss, f => $"/api/v1/cases/{f.CaseId}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate }),
            .. PickupAndRating(window),
        ]);
    }

    private static FlowStep[] WindowChecks(string window) =>
    [
        new(window, f => $"/api/v1/cases/{f.CaseId}/form-review", new { passed = true }),
        new(window, f => $"/api/v1/cases/{f.CaseId}/identity-verification", new { method = "face", passed = true }),
    ];

    private static FlowStep[] PickupAndRating(string window) =>
    [
        new(window, f => $"/api/v1/cases/{f.CaseId}/result-delivery", new { method = "pickup" }),
        new(window, f => $"/api/v1/cases/{f.CaseId}/result-collected", null),
        new(window, f => $"/api/v1/cases/{f.CaseId}/rating", new { level = "very-satisfied", channel = "window" }),
    ];

    private static object Application(string item, string mode, string channel, string? receivingUnitId, string delivery,
        bool original = false, string? region = null, string? counterpart = null) => new
    {
        itemCode = item,
        mode,
        channel,
        receivingUnitId,
        applicant = new { kind = "person", name = "张三", idNumber = QijiangId, phone = "13800138000", region },
        counterpartRegion = counterpart,
        materials = new[] { new { name = "申请表", original = false }, new { name = "证明材料原件", original } },
        delivery = new { method = delivery },
    };
}
