using System.Net;
using Akka.Actor;
using Akka.Cluster;
using KuaSheng.Api.Idempotency;
using Microsoft.Extensions.DependencyInjection;

namespace KuaSheng.Api.Tests;

/// <summary>A claim left by a node incarnation that is no longer in the cluster (killed, restarted) does not hold its key:
/// the client's retry with the same key runs at once instead of waiting two minutes.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClaimOwnersTests(ApiNode node)
{
    private ClaimOwners Owners => node.Services.GetRequiredService<ClaimOwners>();

    [Fact]
    public void This_incarnation_is_alive_and_another_incarnation_of_the_same_address_is_gone()
    {
        var self = Cluster.Get(node.Services.GetRequiredService<ActorSystem>()).SelfUniqueAddress;
        Assert.Equal(ClaimOwners.Name(self), Owners.Self);
        Assert.False(Owners.IsGone(Owners.Self));
        Assert.True(Owners.IsGone(ClaimOwners.Name(new UniqueAddress(self.Address, self.Uid + 1))));
        Assert.True(Owners.IsGone("akka.tcp://kuasheng@127.0.0.1:1#5"));
    }

    [Fact]
    public async Task A_retry_whose_node_died_mid_request_runs_at_once()
    {
        using var window = node.Client("window", "qj-window");
        var key = "orphan-" + Guid.NewGuid().ToString("N");
        // A ticket's answer is kept by the middleware's record (its entity does not keep answers).
        await LeaveOrphanClaim(key, "/api/v1/tickets");

        var retry = await window.Post("/api/v1/tickets", new { kind = "consultation", unitId = "qj-justice", text = "材料寄出两周仍未受理，请尽快处理。", contact = "138 0013 8000" },
            idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Created, retry.Status);
    }

    [Fact]
    public async Task A_claim_left_on_an_endpoint_whose_case_keeps_its_answers_does_not_hold_the_key()
    {
        using var window = node.Client("window", "qj-window");
        var key = "orphan-" + Guid.NewGuid().ToString("N");
        // A submission is kept by its case; a claim there is a refusal that was being kept when its node died.
        await LeaveOrphanClaim(key, "/api/v1/cases");

        var retry = await window.Post("/api/v1/cases", Scenario.Application("1-1", Scenario.QijiangId, original: true), idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Created, retry.Status);
    }

    /// <summary>What a node killed mid-request leaves: a pending claim of the key, owned by an incarnation that is gone.</summary>
    private async Task LeaveOrphanClaim(string key, string path)
    {
        var store = node.Services.GetRequiredService<IdempotencyStore>();
        const string caller = "window:window-test"; // IdempotencyMiddleware.Scope: role and subject of the token
        Assert.True((await store.ClaimAsync(caller, key, "POST", path, "hash-of-the-killed-request", DateTimeOffset.UtcNow,
            TimeSpan.FromHours(48), TimeSpan.FromMinutes(2), owner: "akka.tcp://kuasheng@127.0.0.1:1#5")).Claimed);
    }
}
