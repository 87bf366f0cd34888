using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ProxyFlowTests(ApiNode node)
{
    [Fact]
    public async Task A_proxy_case_with_an_original_is_decided_only_after_the_original_arrives_and_ends_with_a_rating()
    {
        using var window = node.Client("window", "qj-window");
        using var notary = node.Client("officer", "qj-notary");
        var id = await ReceiveAndForward(window, Application("1-1", QijiangId, original: true));

        var leg = $"/api/v1/cases/{id}/legs/leg1";
        Expect(await notary.Post($"{leg}/acceptance", new { accepted = true }), HttpStatusCode.OK);
        var early = await notary.Post($"{leg}/decision", new { outcome = "approved", resultDocument = new { title = "公证书", number = "(2026)渝綦证字第1号" } });
        Expect(early, HttpStatusCode.Conflict);
        Assert.Equal("illegal-transition", early.Code);

        Expect(await notary.Post($"/api/v1/cases/{id}/originals-received"), HttpStatusCode.OK);
        var decided = await notary.Post($"{leg}/decision", new { outcome = "approved", resultDocument = new { title = "公证书", number = "(2026)渝綦证字第1号" } });
        Expect(decided, HttpStatusCode.OK);
        Assert.Equal("decided", decided.Text("status"));
        Assert.Equal("approved", decided.Text("outcome"));

        Expect(await window.Post($"/api/v1/cases/{id}/result-delivery", new { method = "pickup" }), HttpStatusCode.OK);
        var done = await window.Post($"/api/v1/cases/{id}/result-collected");
        Expect(done, HttpStatusCode.OK);
        Assert.Equal("completed", done.Text("status"));

        var rated = await window.Post($"/api/v1/cases/{id}/rating", new { level = "very-satisfied", channel = "window" });
        Expect(rated, HttpStatusCode.OK);
        Assert.Equal("very-satisfied", rated.Text("rating.level"));
        var again = await window.Post($"/api/v1/cases/{id}/rating", new { level = "satisfied" });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
    }
}
