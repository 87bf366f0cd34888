using System.Net;
using System.Text;
using KuaSheng.Api.Public;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>Query codes have a secret of their own, and rotating it keeps the codes already on receipts working
/// (issue 13.2): a node restarted with a new secret and the old one among <c>PreviousSecrets</c>.</summary>
public sealed class QueryCodeRotationTests : IAsyncLifetime
{
    private static readonly string OldSecret = "old-query-code-secret-" + new string('o', 24);
    private static readonly string NewSecret = "new-query-code-secret-" + new string('n', 24);
    private readonly ApiNode _node = new();

    public Task InitializeAsync() => _node.StartAsync($"--KuaSheng:QueryCodes:Secret={OldSecret}");

    public Task DisposeAsync() => _node.DisposeAsync();

    private async Task<(string Id, string Number, string Code)> NewCase()
    {
        using var window = _node.Client("window", "qj-window");
        var created = await window.Post("/api/v1/cases", Application("1-6", QijiangId), Guid.NewGuid().ToString());
        Expect(created, HttpStatusCode.Created);
        return (created.Text("caseId"), created.Text("caseNumber"), created.Text("queryCode"));
    }

    [Fact]
    public async Task A_code_issued_under_the_previous_secret_still_checks_after_rotation()
    {
        var (id, number, code) = await NewCase();
        // The code comes from the query-code secret, not from the token signing key.
        Assert.Equal(Codes(OldSecret).Issue(id), code);

        await _node.StopAsync();
        await _node.StartAsync($"--KuaSheng:QueryCodes:Secret={NewSecret}", $"--KuaSheng:QueryCodes:PreviousSecrets:0={OldSecret}");
        using var anonymous = _node.Client();
        var found = await anonymous.Get($"/api/v1/public/cases/{number}?queryCode={code}");
        Assert.True(found.Status == HttpStatusCode.OK, found.ToString());
        Assert.Equal(number, found.Text("caseNumber"));

        var (newId, newNumber, newCode) = await NewCase();
        Assert.Equal(Codes(NewSecret).Issue(newId), newCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Get($"/api/v1/public/cases/{newNumber}?queryCode={newCode}")).Status);
    }

    private static QueryCodes Codes(string secret) => new([Encoding.UTF8.GetBytes(secret)]);
}
