using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>Joint items (多地联办) over HTTP: the transfer-in leg is where the applicant applies (申请人可向转入地申请),
/// the transfer-out leg at counterpartRegion, whatever the ID number says about the birthplace.</summary>
[Collection(ApiCollection.Name)]
public sealed class JointRoutingTests(ApiNode node)
{
    /// <summary>Born in Chengdu's Jinniu district (510107), living in Qijiang now.</summary>
    private static readonly string ChengduId = IdNumber("51010719880305002");

    private async Task<string> RegisterSichuanPensions()
    {
        using var op = node.Client("operator");
        var created = await op.Post("/api/v1/units",
            new { name = "四川省社会保险事业管理局", region = "510000", level = "external", kind = "department", items = new[] { "1-7" } });
        Assert.True(created.Status is HttpStatusCode.Created or HttpStatusCode.OK, created.ToString());
        return created.Text("id");
    }

    [Fact]
    public async Task A_worker_born_in_Chengdu_moves_her_pension_into_Qijiang_at_the_Qijiang_window()
    {
        var sichuan = await RegisterSichuanPensions();
        using var window = node.Client("window", "qj-window");
        var created = await window.Post("/api/v1/cases",
            Application("1-7", ChengduId, mode: "joint", counterpartRegion: "510107", name: "王芳"), Guid.NewGuid().ToString());
        Expect(created, HttpStatusCode.Created);
        Assert.Equal(("qj-hrss", "transfer-in"), (created.Text("legs.0.unitId"), created.Text("legs.0.role")));
        Assert.Equal((sichuan, "transfer-out"), (created.Text("legs.1.unitId"), created.Text("legs.1.role")));
    }

    [Fact]
    public async Task An_online_joint_case_without_the_declared_region_is_a_400_naming_applicant_region()
    {
        await RegisterSichuanPensions();
        using var platform = node.Client("integration", null, "qj-hrss");
        var refused = await platform.Post("/api/v1/cases",
            Application("1-7", ChengduId, mode: "joint", channel: "online", receivingUnitId: null, counterpartRegion: "510107"),
            Guid.NewGuid().ToString());
        Expect(refused, HttpStatusCode.BadRequest);
        Assert.Equal("validation-failed", refused.Code);
        Assert.NotNull(refused.Body?["errors"]?["applicant.region"]);

        var declared = await platform.Post("/api/v1/cases",
            Application("1-7", ChengduId, mode: "joint", channel: "online", receivingUnitId: null, counterpartRegion: "510107", region: "500110"),
            Guid.NewGuid().ToString());
        Expect(declared, HttpStatusCode.Created);
        Assert.Equal("qj-hrss", declared.Text("legs.0.unitId"));
    }

    [Fact]
    public async Task Both_places_at_one_unit_is_a_409_no_route_naming_the_unit()
    {
        using var window = node.Client("window", "qj-window");
        var refused = await window.Post("/api/v1/cases",
            Application("1-7", ChengduId, mode: "joint", counterpartRegion: "500110"), Guid.NewGuid().ToString());
        Expect(refused, HttpStatusCode.Conflict);
        Assert.Equal("no-route", refused.Code);
        Assert.Contains("qj-hrss", refused.Text("detail"));
    }
}
