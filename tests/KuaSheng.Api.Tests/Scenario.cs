using System.Net;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Api.Tests;

/// <summary>Building blocks for case scenarios over HTTP.</summary>
public static class Scenario
{
    public static string IdNumber(string first17) => first17 + ResidentIdNumber.ComputeCheckCharacter(first17);

    /// <summary>A Qijiang resident (region 500110).</summary>
    public static readonly string QijiangId = IdNumber("50011019850612002");

    /// <summary>A resident of Tongzi, Guizhou (520322).</summary>
    public static readonly string TongziId = IdNumber("52032219900307001");

    public static object Application(string item, string idNumber, string mode = "proxy", string channel = "window",
        string? receivingUnitId = "qj-window", bool original = false, string delivery = "pickup", string? address = null,
        string? region = null, string? townCode = null, string? counterpartRegion = null, string name = "张三") => new
    {
        itemCode = item,
        mode,
        channel,
        receivingUnitId,
        applicant = new { kind = "person", name, idNumber, phone = "13800138000", region, townCode },
        counterpartRegion,
        materials = new[] { new { name = "申请表", original = false }, new { name = "证明材料原件", original } },
        delivery = new { method = delivery, address },
    };

    public static void Expect(ApiClient.Response response, HttpStatusCode status)
    {
        Assert.True(response.Status == status, $"expected {(int)status}, got {response}");
    }

    /// <summary>Submits, passes form review and identity: the case is forwarded. Returns the case id.</summary>
    public static async Task<string> ReceiveAndForward(ApiClient window, object application)
    {
        var created = await window.Post("/api/v1/cases", application, Guid.NewGuid().ToString());
        Expect(created, HttpStatusCode.Created);
        var id = created.Text("caseId");
        Expect(await window.Post($"/api/v1/cases/{id}/form-review", new { passed = true }), HttpStatusCode.OK);
        var verified = await window.Post($"/api/v1/cases/{id}/identity-verification", new { method = "face", passed = true });
        Expect(verified, HttpStatusCode.OK);
        Assert.Equal("forwarded", verified.Text("status"));
        return id;
    }
}
