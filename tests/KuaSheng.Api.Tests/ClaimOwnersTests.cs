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
    public async Task A_retry_of_a_step_whose_node_died_mid_request_runs_at_once()
    {
        using var window = node.Client("window", "qj-window");
        var key = "orphan-" + Guid.NewGuid().ToString("N");
        var body = Scenario.Application("1-1", Scenario.QijiangId, original: true);
        // What a node killed mid-request leaves: a pending claim of the key, owned by an incarnation that is gone.
        var store = node.Services.GetRequiredService<IdempotencyStore>();
        const string caller = "window:window-test"; // IdempotencyMiddleware.Scope: role and subject of the token
        Assert.True((await store.ClaimAsync(caller, key, "POST", "/api/v1/cases", "hash-of-the-killed-request", DateTimeOffset.UtcNow,
            TimeSpan.FromHours(48), TimeSpan.FromMinutes(2), owner: "akka.tcp://kuasheng@127.0.0.1:1#5")).Claimed);

        var retry = await window.Post("/api/v1/cases", body, idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Created, retry.Status);
    }
}
