using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>The cluster for operators over HTTP on the single test node: its view of itself, who may read it and who
/// may make members leave or go down, and refusals of addresses that are malformed or not members. (A member that
/// really leaves: <see cref="TwoNodeClusterTests"/>; this node must stay up for the other tests.)</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminClusterTests(ApiNode node)
{
    private const string Cluster = "/api/v1/admin/cluster";

    [Fact]
    public async Task A_single_node_sees_itself_up_reachable_and_leader_with_its_role()
    {
        using var operatorClient = node.Client("operator");
        var view = await operatorClient.Get(Cluster);
        Expect(view, HttpStatusCode.OK);
        var self = view.Text("self");
        Assert.Matches(@"^akka\.tcp://kuasheng@127\.0\.0\.1:\d+$", self);
        Assert.Equal(self, view.Text("leader"));
        var member = Assert.Single(view.Body!["members"]!.AsArray())!;
        Assert.Equal((self, "up", true), (member["address"]!.GetValue<string>(), member["status"]!.GetValue<string>(), member["reachable"]!.GetValue<bool>()));
        Assert.Contains("kuasheng", member["roles"]!.AsArray().Select(r => r!.GetValue<string>()));

        using var supervisor = node.Client("supervisor");
        Expect(await supervisor.Get(Cluster), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_operators_make_a_member_leave_or_go_down_and_only_operators_and_supervisors_read()
    {
        using var operatorClient = node.Client("operator");
        var self = (await operatorClient.Get(Cluster)).Text("self");
        using var window = node.Client("window", "qj-window");
        using var officer = node.Client("officer", "qj-notary");
        using var supervisor = node.Client("supervisor");
        using var anonymous = node.Client();

        foreach (var (client, path) in new[] { (window, Cluster), (officer, Cluster), (window, "/api/v1/admin/sharding"), (officer, "/api/v1/admin/entities/case/x") })
        {
            var refused = await client.Get(path);
            Assert.True((refused.Status, refused.Code) == (HttpStatusCode.Forbidden, "forbidden"), $"{path}: {refused}");
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Get(Cluster)).Status);
        // The node's own address: were the role check missing, this node would leave and the next call would fail.
        foreach (var action in new[] { "leave", "down" })
        foreach (var client in new[] { supervisor, window })
        {
            var refused = await client.Post($"{Cluster}/{action}", new { address = self });
            Assert.True((refused.Status, refused.Code) == (HttpStatusCode.Forbidden, "forbidden"), $"{action}: {refused}");
        }
        Assert.Equal("up", (await operatorClient.Get(Cluster)).Text("members.0.status"));
    }

    [Fact]
    public async Task Down_unreachable_is_for_operators_and_downs_nobody_when_every_member_is_reachable()
    {
        using var supervisor = node.Client("supervisor");
        using var window = node.Client("window", "qj-window");
        foreach (var client in new[] { supervisor, window })
        {
            var refused = await client.Post($"{Cluster}/down-unreachable", new { });
            Assert.True((refused.Status, refused.Code) == (HttpStatusCode.Forbidden, "forbidden"), refused.ToString());
        }
        using var operatorClient = node.Client("operator");
        var none = await operatorClient.Post($"{Cluster}/down-unreachable", new { });
        Expect(none, HttpStatusCode.Accepted);
        Assert.Empty(none.Body!["downed"]!.AsArray());
        Assert.Equal("up", (await operatorClient.Get(Cluster)).Text("members.0.status"));
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("")]
    [InlineData("127.0.0.1:4100")]
    [InlineData("akka://kuasheng")]
    [InlineData("akka.tcp://kuasheng@127.0.0.1:4100/user/someone")]
    public async Task A_malformed_address_is_a_validation_problem_naming_the_field(string address)
    {
        using var operatorClient = node.Client("operator");
        var refused = await operatorClient.Post(Cluster + "/leave", new { address });
        Assert.True((refused.Status, refused.Code) == (HttpStatusCode.BadRequest, "validation-failed"), refused.ToString());
        Assert.NotNull(refused.Body!["errors"]!["address"]);
    }

    [Fact]
    public async Task A_missing_address_is_a_validation_problem()
    {
        using var operatorClient = node.Client("operator");
        var missing = await operatorClient.Post(Cluster + "/down", new { });
        Assert.True((missing.Status, missing.Code) == (HttpStatusCode.BadRequest, "validation-failed"), missing.ToString());
    }

    [Fact]
    public async Task An_address_that_is_no_member_is_not_found_and_nothing_changes()
    {
        using var operatorClient = node.Client("operator");
        var stranger = $"akka.tcp://kuasheng@127.0.0.1:{ApiNode.FreePort()}";
        foreach (var action in new[] { "leave", "down" })
        {
            var refused = await operatorClient.Post($"{Cluster}/{action}", new { address = stranger });
            Assert.True((refused.Status, refused.Code) == (HttpStatusCode.NotFound, "not-found"), refused.ToString());
            Assert.Contains(stranger, refused.Text("detail"), StringComparison.Ordinal);
        }
        var view = await operatorClient.Get(Cluster);
        Assert.Equal(("up", 1), (view.Text("members.0.status"), view.Body!["members"]!.AsArray().Count));
    }
}
