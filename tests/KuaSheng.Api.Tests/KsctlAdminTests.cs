using System.Net;
using System.Text.Json.Nodes;
using static KuaSheng.Api.Tests.KsctlHarness;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>ksctl's cluster, sharding and entity commands: against the test node, and against a stub node for what a
/// single node cannot show (a member that leaves, shards on two nodes).</summary>
[Collection(ApiCollection.Name)]
public sealed class KsctlAdminTests(ApiNode node)
{
    private const string Stub = "http://node.invalid:5080";

    private string[] AsOperator(params string[] args) => ["--node", node.BaseUrl, "--token", node.Token("operator"), .. args];

    private async Task<string> Self() => JsonNode.Parse((await Ksctl(AsOperator("--json", "cluster", "show"))).Out)!["self"]!.GetValue<string>();

    [Fact]
    public async Task Cluster_show_marks_this_node_as_self_and_leader_and_json_lists_the_members()
    {
        var self = await Self();
        var table = await Ksctl(AsOperator("cluster", "show"));
        table.Succeeded();
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(self)}\s*│\s*up\s*│\s*kuasheng\s*│\s*true\s*│\s*self, leader", table.Out);

        var json = await Ksctl(AsOperator("--json", "cluster", "show"));
        json.Succeeded();
        var member = Assert.Single(JsonNode.Parse(json.Out)!["members"]!.AsArray())!;
        Assert.Equal(self, member["address"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cluster_leave_and_down_refusals_are_one_line_with_the_problem()
    {
        var stranger = $"akka.tcp://kuasheng@127.0.0.1:{ApiNode.FreePort()}";
        var unknown = await Ksctl(AsOperator("cluster", "leave", stranger));
        Assert.Equal(1, unknown.Exit);
        Assert.StartsWith($"ksctl: not-found: No member {stranger}", unknown.OneErrorLine(), StringComparison.Ordinal);

        var malformed = await Ksctl(AsOperator("cluster", "down", "node-2"));
        Assert.Equal(1, malformed.Exit);
        Assert.StartsWith("ksctl: validation-failed: address: ", malformed.OneErrorLine(), StringComparison.Ordinal);

        var self = await Self();
        var window = await Ksctl("--node", node.BaseUrl, "--token", node.Token("window", "qj-window"), "cluster", "down", self);
        Assert.Equal(1, window.Exit);
        Assert.StartsWith("ksctl: forbidden: Only operators", window.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_leave_posts_the_address_and_says_what_was_asked()
    {
        const string member = "akka.tcp://kuasheng@127.0.0.1:4102";
        string? sent = null;
        using var stub = new StubNode(request =>
        {
            sent = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            return JsonAnswer(HttpStatusCode.Accepted, $$"""{"address":"{{member}}","action":"leave"}""");
        });
        var run = await KsctlVia(stub, "--node", Stub, "--token", "t", "cluster", "leave", member);
        run.Succeeded();
        Assert.Equal("/api/v1/admin/cluster/leave", stub.Last!.RequestUri!.AbsolutePath);
        Assert.Equal(member, JsonNode.Parse(sent!)!["address"]!.GetValue<string>());
        Assert.Equal($"{member}: leave requested (see `ksctl cluster show`)", run.Out.Trim());
    }

    [Fact]
    public async Task Sharding_regions_and_stats_show_the_case_region_on_this_node_and_entity_locate_finds_the_case()
    {
        using var window = node.Client("window", "qj-window");
        var caseId = await ReceiveAndForward(window, Application("1-1", QijiangId, original: true));
        var self = await Self();

        var regions = await Ksctl(AsOperator("sharding", "regions"));
        regions.Succeeded();
        Assert.Matches($@"case\s*│\s*\d+\s*│\s*{System.Text.RegularExpressions.Regex.Escape(self)}\s*│\s*[1-9]", regions.Out);

        var stats = await Ksctl(AsOperator("--json", "sharding", "stats"));
        stats.Succeeded();
        var cases = JsonNode.Parse(stats.Out)!["regions"]!.AsArray().Single(r => r!["typeName"]!.GetValue<string>() == "case")!;
        Assert.True(cases["entities"]!.GetValue<long>() >= 1, stats.Out);
        var onSelf = Assert.Single(cases["nodes"]!.AsArray())!;
        Assert.Equal((self, cases["shards"]!.GetValue<int>()), (onSelf["address"]!.GetValue<string>(), onSelf["shards"]!.GetValue<int>()));
        Assert.Contains("(all nodes)", (await Ksctl(AsOperator("sharding", "stats"))).Out, StringComparison.Ordinal);

        var located = await Ksctl(AsOperator("--json", "entity", "locate", "case", caseId));
        located.Succeeded();
        var body = JsonNode.Parse(located.Out)!;
        Assert.Equal((self, true), (body["address"]!.GetValue<string>(), body["alive"]!.GetValue<bool>()));
        var table = await Ksctl(AsOperator("entity", "locate", "case", caseId));
        table.Succeeded();
        Assert.Matches($@"shard\s+{body["shardId"]!.GetValue<string>()}\s", table.Out);

        var unknown = await Ksctl(AsOperator("entity", "locate", "nonsense", caseId));
        Assert.Equal(1, unknown.Exit);
        Assert.StartsWith("ksctl: not-found: No entity type \"nonsense\"", unknown.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entity_locate_takes_an_id_starting_with_an_at_sign_as_it_is()
    {
        using var stub = new StubNode(_ => JsonAnswer(HttpStatusCode.OK,
            """{"typeName":"ticket","entityId":"@unit:qj-window","shardId":"3","address":null,"alive":false}"""));
        var run = await KsctlVia(stub, "--node", Stub, "entity", "locate", "ticket", "@unit:qj-window");
        run.Succeeded();
        Assert.Equal("/api/v1/admin/entities/ticket/%40unit%3Aqj-window", stub.Last!.RequestUri!.AbsolutePath);
        Assert.Matches(@"node\s+\(shard not allocated\)", run.Out);
    }

    [Fact]
    public async Task Sharding_stats_adds_up_shards_and_entities_per_region_and_per_node()
    {
        using var stub = new StubNode(_ => JsonAnswer(HttpStatusCode.OK, """
            {"regions":[
              {"typeName":"case","shards":[
                {"shardId":"1","address":"akka.tcp://kuasheng@10.0.0.2:4100","entities":5},
                {"shardId":"2","address":"akka.tcp://kuasheng@10.0.0.1:4100","entities":3},
                {"shardId":"7","address":"akka.tcp://kuasheng@10.0.0.2:4100","entities":0}],"unanswered":[]},
              {"typeName":"unit","shards":[],"unanswered":[]}]}
            """));
        var run = await KsctlVia(stub, "--node", Stub, "--json", "sharding", "stats");
        run.Succeeded();
        var regions = JsonNode.Parse(run.Out)!["regions"]!.AsArray();
        Assert.Equal("""{"typeName":"case","shards":3,"entities":8,"nodes":[""" +
                     """{"address":"akka.tcp://kuasheng@10.0.0.1:4100","shards":1,"entities":3},""" +
                     """{"address":"akka.tcp://kuasheng@10.0.0.2:4100","shards":2,"entities":5}]}""", regions[0]!.ToJsonString());
        Assert.Equal("""{"typeName":"unit","shards":0,"entities":0,"nodes":[]}""", regions[1]!.ToJsonString());
    }
}
