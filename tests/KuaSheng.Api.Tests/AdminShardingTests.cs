using System.Net;
using System.Text.Json.Nodes;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>Sharding for operators over HTTP: every region with its shards on this node, and where one entity lives.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminShardingTests(ApiNode node)
{
    private const string Sharding = "/api/v1/admin/sharding";

    private static JsonObject Region(ApiClient.Response sharding, string typeName) =>
        sharding.Body!["regions"]!.AsArray().OfType<JsonObject>().Single(r => r["typeName"]!.GetValue<string>() == typeName);

    [Fact]
    public async Task After_a_case_is_created_its_region_has_it_on_this_node_and_locate_names_the_same_shard()
    {
        using var window = node.Client("window", "qj-window");
        var caseId = await ReceiveAndForward(window, Application("1-1", QijiangId, original: true));
        using var operatorClient = node.Client("operator");
        var self = (await operatorClient.Get("/api/v1/admin/cluster")).Text("self");

        var sharding = await operatorClient.Get(Sharding);
        Expect(sharding, HttpStatusCode.OK);
        var types = sharding.Body!["regions"]!.AsArray().Select(r => r!["typeName"]!.GetValue<string>()).ToList();
        Assert.Equal(["case", "reference", "ticket", "unit", "waybill"], types);
        var shards = Region(sharding, "case")["shards"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.True(shards.Sum(s => s["entities"]!.GetValue<int>()) >= 1, sharding.ToString());
        Assert.All(shards, s => Assert.Equal(self, s["address"]!.GetValue<string>()));

        var located = await operatorClient.Get($"/api/v1/admin/entities/case/{caseId}");
        Expect(located, HttpStatusCode.OK);
        Assert.Equal(("case", caseId, self, true),
            (located.Text("typeName"), located.Text("entityId"), located.Text("address"), located.Body!["alive"]!.GetValue<bool>()));
        var shardId = located.Text("shardId");
        var shard = shards.SingleOrDefault(s => s["shardId"]!.GetValue<string>() == shardId);
        Assert.True(shard is not null && shard["entities"]!.GetValue<int>() >= 1, $"shard {shardId} not among {sharding}");

        using var supervisor = node.Client("supervisor");
        Expect(await supervisor.Get(Sharding), HttpStatusCode.OK);
        Expect(await supervisor.Get($"/api/v1/admin/entities/case/{caseId}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_entity_that_never_ran_is_located_but_not_alive()
    {
        using var operatorClient = node.Client("operator");
        var located = await operatorClient.Get("/api/v1/admin/entities/waybill/NEVER-STARTED-" + Guid.NewGuid().ToString("N"));
        Expect(located, HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(located.Text("shardId")));
        Assert.False(located.Body!["alive"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_unknown_entity_type_is_not_found_and_names_the_types_there_are()
    {
        using var operatorClient = node.Client("operator");
        var refused = await operatorClient.Get("/api/v1/admin/entities/no-such-type/1");
        Assert.True((refused.Status, refused.Code) == (HttpStatusCode.NotFound, "not-found"), refused.ToString());
        Assert.Contains("case", refused.Text("detail"), StringComparison.Ordinal);
    }
}
