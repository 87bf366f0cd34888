using System.Globalization;
using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>The mail fields as API.md publishes them: <c>carrier</c> is optional on a result delivery and
/// <c>signedBy</c> optional on a carrier event (parcel lockers and stations report no name).</summary>
[Collection(ApiCollection.Name)]
public sealed class MailContractTests(ApiNode node) : IDisposable
{
    private static readonly object Certificate = new { title = "决定书", number = "QJ-2026-010" };

    private static string S10(string country)
    {
        var digits = Random.Shared.Next(1, 99_999_999).ToString("D8", CultureInfo.InvariantCulture);
        return "EB" + digits + KuaSheng.Domain.Validation.WaybillNumber.ComputeS10CheckDigit(digits) + country;
    }

    private static string Domestic() =>
        "9" + Random.Shared.NextInt64(0, 999_999_999_999).ToString("D12", CultureInfo.InvariantCulture);

    private readonly ApiClient _platform = node.Client("integration", null, "qj-hrss");
    private readonly ApiClient _hrss = node.Client("officer", "qj-hrss");
    private readonly ApiClient _carrier = node.Client("carrier");

    public void Dispose()
    {
        _platform.Dispose();
        _hrss.Dispose();
        _carrier.Dispose();
    }

    /// <summary>A decided online case (item 1-15, 区人力社保局) whose result goes by mail; returns the case id.</summary>
    private async Task<string> Decided()
    {
        var created = await _platform.Post("/api/v1/cases", Application("1-15", QijiangId, mode: "online", channel: "online", receivingUnitId: null,
            delivery: "mail", address: "重庆市綦江区古南街道1号"), Guid.NewGuid().ToString());
        Expect(created, HttpStatusCode.Created);
        var id = created.Text("caseId");
        Expect(await _hrss.Post($"/api/v1/cases/{id}/legs/leg1/acceptance", new { accepted = true }), HttpStatusCode.OK);
        Expect(await _hrss.Post($"/api/v1/cases/{id}/legs/leg1/decision", new { outcome = "approved", resultDocument = Certificate }), HttpStatusCode.OK);
        return id;
    }

    /// <summary>The carrier reports the waybill signed (by <paramref name="signedBy"/>, or without a name); returns the
    /// completed case.</summary>
    private async Task<ApiClient.Response> Signed(string id, string waybill, string? signedBy)
    {
        object body = signedBy is null
            ? new { waybillNumber = waybill, status = "signed", at = DateTimeOffset.Now }
            : new { waybillNumber = waybill, status = "signed", at = DateTimeOffset.Now, signedBy };
        Expect(await _carrier.Post("/api/v1/carrier/events", body), HttpStatusCode.Accepted);
        return await ModeFlowTests.Eventually(() => _hrss.Get($"/api/v1/cases/{id}"), r => r.Text("status") == "completed");
    }

    [Fact]
    public async Task A_mailed_result_without_a_carrier_names_the_postal_operator_of_its_S10_number_and_keeps_the_signer()
    {
        var id = await Decided();
        var waybill = S10("CN");

        var delivering = await _hrss.Post($"/api/v1/cases/{id}/result-delivery", new { method = "mail", waybillNumber = waybill });
        Expect(delivering, HttpStatusCode.OK);
        Assert.Equal("delivering", delivering.Text("status"));
        Assert.Equal(waybill, delivering.Text("mailings.0.waybillNumber"));
        Assert.Contains("China Post", delivering.Text("mailings.0.carrier"));

        Assert.Equal("张三", (await Signed(id, waybill, "张三")).Text("mailings.0.signedBy"));
    }

    [Fact]
    public async Task A_mailed_result_under_a_domestic_number_without_a_carrier_is_recorded_with_the_carrier_unknown()
    {
        var id = await Decided();
        var waybill = Domestic();

        var delivering = await _hrss.Post($"/api/v1/cases/{id}/result-delivery", new { method = "mail", waybillNumber = waybill });
        Expect(delivering, HttpStatusCode.OK);
        Assert.Equal(waybill, delivering.Text("mailings.0.waybillNumber"));
        Assert.Null(delivering.Navigate("mailings.0.carrier"));
    }

    [Fact]
    public async Task A_signature_without_a_name_completes_the_mailed_result_with_the_signer_unknown_and_the_given_carrier_kept()
    {
        var id = await Decided();
        var waybill = S10("CN");
        Expect(await _hrss.Post($"/api/v1/cases/{id}/result-delivery", new { method = "mail", carrier = "EMS", waybillNumber = waybill }), HttpStatusCode.OK);

        var done = await Signed(id, waybill, signedBy: null);
        Assert.Equal("signed", done.Text("mailings.0.status"));
        Assert.Equal("EMS", done.Text("mailings.0.carrier"));
        Assert.Null(done.Navigate("mailings.0.signedBy"));
    }
}
