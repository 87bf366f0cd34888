using KuaSheng.Domain.Validation;

namespace KuaSheng.Host.Tests.Faults;

/// <summary>Who sends a step: the receiving window (qj-window) or the notary office that handles the item's leg.</summary>
internal enum Actor { Window, Officer }

/// <summary>One step of a case flow: who sends it, where, with what body; the journal events (manifests) and timeline
/// entries it leaves on the case, each exactly once.</summary>
internal sealed record FlowStep(string Name, Actor Actor, Func<string?, string> Path, Func<int, object> Body, string[] Events, string[] Timeline);

/// <summary>A whole case flow of item 1-1 (公证, proxy mode) from submission (收件) to the rating (好差评): form review,
/// identity, acceptance, the originals handed over and the decision (受理、原件、办结) by the notary office, result handed over at the window.</summary>
internal static class CaseFlow
{
    public static readonly IReadOnlyList<FlowStep> Steps =
    [
        new("submit", Actor.Window, _ => "/cases", Application, ["ev.sub"], ["received"]),
        new("form-review", Actor.Window, id => $"/cases/{id}/form-review", _ => new { passed = true }, ["ev.frv"], ["form-review-passed"]),
        new("identity", Actor.Window, id => $"/cases/{id}/identity-verification", _ => new { method = "face", passed = true },
            ["ev.idv", "ev.lfw"], ["identity-verified", "forwarded"]),
        new("acceptance", Actor.Officer, id => $"/cases/{id}/legs/leg1/acceptance", _ => new { accepted = true }, ["ev.lac"], ["leg-accepted"]),
        new("originals-received", Actor.Officer, id => $"/cases/{id}/originals-received", _ => new { }, ["ev.org"], ["originals-received"]),
        new("decision", Actor.Officer, id => $"/cases/{id}/legs/leg1/decision",
            i => new { outcome = "approved", resultDocument = new { title = "公证书", number = $"(2026)渝綦证字第{i}号" } },
            ["ev.ldc", "ev.dec"], ["leg-approved", "decided"]),
        new("result-delivery", Actor.Window, id => $"/cases/{id}/result-delivery", _ => new { method = "pickup" }, ["ev.rds"], ["delivering"]),
        new("result-collected", Actor.Window, id => $"/cases/{id}/result-collected", _ => new { }, ["ev.cmp"], ["completed"]),
        new("rating", Actor.Window, id => $"/cases/{id}/rating", _ => new { level = "very-satisfied", channel = "window" }, ["ev.rat"], ["rated"]),
    ];

    /// <summary>The status of a case whose flow has finished.</summary>
    public const string FinalStatus = "completed";

    private static object Application(int i) => new
    {
        itemCode = "1-1",
        mode = "proxy",
        channel = "window",
        receivingUnitId = "qj-window",
        applicant = new
        {
            kind = "person",
            name = "张三",
            idNumber = IdNumber($"500110198506{i % 28 + 1:00}002"),
            phone = "13800138000",
        },
        materials = new[] { new { name = "申请表", original = false }, new { name = "证明材料原件", original = true } },
        delivery = new { method = "pickup" },
    };

    private static string IdNumber(string first17) => first17 + ResidentIdNumber.ComputeCheckCharacter(first17);
}
