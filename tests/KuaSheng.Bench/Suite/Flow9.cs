using System.Globalization;

namespace KuaSheng.Bench.Suite;

/// <summary>
/// The 9-step proxy flow an integration runs (issue #12), as the README's curl walk-through (ops/walkthrough.sh) takes
/// it: a person from Tongzi, Guizhou applies at the Qijiang window for item 1-16, which routes the case to Tongzi's
/// bureau, an external unit registered by an operator. (1) submission at qj-window with the result to be mailed,
/// (2) form review and (3) identity verification at the window, (4) acceptance, (5) decision and (6) result delivery by
/// mail by the home unit's integration, (7) the carrier's picked-up and (8) signed reports (POST /carrier/events), (9)
/// the applicant's rating on the public endpoint with the case number and query code. Every step carries an
/// Idempotency-Key (<see cref="CaseFlows"/> sends one with every POST).
/// </summary>
internal static class Flow9
{
    public const string Mode = "flow9";

    /// <summary>Tongzi's region and the external unit registered for it (same name and region: same unit id).</summary>
    public static readonly object HomeUnit = new
    {
        name = "桐梓县人力资源和社会保障局", region = "520322", level = "external", kind = "department", items = new[] { "1-16" },
    };

    /// <summary>A domestic 13-digit waybill number, unique within a run and across runs that start in different
    /// seconds within 11 days: 9, the run's start (seconds mod 10^6), a counter of 6 digits.</summary>
    private static readonly long RunPrefix = (9_000_000 + DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 1_000_000) * 1_000_000;

    private static long _waybills;

    public static CaseFlow Create(string window, string home, string carrier)
    {
        var waybill = (RunPrefix + Interlocked.Increment(ref _waybills) % 1_000_000).ToString(CultureInfo.InvariantCulture);
        var pickedUp = DateTimeOffset.Now;
        return new CaseFlow(Mode,
        [
            new(window, _ => "/api/v1/cases", Application),
            new(window, f => $"/api/v1/cases/{f.CaseId}/form-review", new { passed = true }),
            new(window, f => $"/api/v1/cases/{f.CaseId}/identity-verification", new { method = "face", passed = true }),
            new(home, f => $"/api/v1/cases/{f.CaseId}/legs/leg1/acceptance", new { accepted = true }),
            new(home, f => $"/api/v1/cases/{f.CaseId}/legs/leg1/decision",
                new { outcome = "approved", resultDocument = new { title = "失业保险金核定通知书", number = "桐人社失〔2026〕1号" } }),
            new(home, f => $"/api/v1/cases/{f.CaseId}/result-delivery", new { method = "mail", carrier = "EMS", waybillNumber = waybill }),
            new(carrier, _ => "/api/v1/carrier/events", new { waybillNumber = waybill, status = "picked-up", at = pickedUp }),
            new(carrier, _ => "/api/v1/carrier/events", new { waybillNumber = waybill, status = "signed", at = pickedUp.AddSeconds(1), signedBy = "张三" }),
            // The signed report reaches the case through its waybill after the carrier's answer: the case may not be
            // completed yet when the applicant rates it, so a refused rating is sent again (AwaitsCompletion).
            new(null, f => $"/api/v1/public/cases/{f.CaseNumber}/rating?queryCode={f.QueryCode}", new { level = "very-satisfied", channel = "online" },
                AwaitsCompletion: true),
        ]);
    }

    private static readonly object Application = new
    {
        itemCode = "1-16",
        mode = "proxy",
        channel = "window",
        receivingUnitId = "qj-window",
        applicant = new { kind = "person", name = "张三", idNumber = "520322199003070010", phone = "13800138000" },
        materials = new[] { new { name = "失业保险金申领登记表", original = false } },
        delivery = new { method = "mail", address = "贵州省桐梓县娄山关街道1号" },
    };
}
