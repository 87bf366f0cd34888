namespace KuaSheng.Host.Tests;

/// <summary>Who may join (issue 11.3): nodes with certificates of the cluster's CA form a cluster over mutually
/// authenticated TLS; a node with a certificate of another CA, and a node without TLS, are never members.</summary>
public sealed class TlsClusterTests
{
    private static Dictionary<string, string> Tls(TestCa issuer, TestCa trusted, string name, bool passwordInFile = false)
    {
        var password = "p12-" + Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string>
        {
            ["KuaSheng__Cluster__Tls__CertificatePath"] = issuer.IssueNode(name, password),
            ["KuaSheng__Cluster__Tls__CaCertificatePath"] = trusted.CertificatePath,
        };
        if (passwordInFile) environment["KuaSheng__Cluster__Tls__CertificatePasswordFile"] = issuer.WriteFile(name + ".password", password + "\n");
        else environment["KuaSheng__Cluster__Tls__CertificatePassword"] = password;
        return environment;
    }

    /// <summary>The member at a node's Akka endpoint, whatever its scheme (akka.ssl.tcp with TLS, akka.tcp without).</summary>
    private static System.Text.Json.Nodes.JsonNode? At(System.Text.Json.Nodes.JsonArray members, ChildNode node) =>
        members.FirstOrDefault(m => m!["address"]!.GetValue<string>().EndsWith($"@127.0.0.1:{node.AkkaPort}", StringComparison.Ordinal));

    [Fact]
    public async Task Nodes_of_the_clusters_CA_join_and_a_node_with_another_CA_or_without_TLS_is_refused()
    {
        using var ca = new TestCa("KuaSheng test cluster CA");
        using var otherCa = new TestCa("Some other CA");

        using var first = new ChildNode(Tls(ca, ca, "node-1"));
        await first.WaitReadyAsync();
        using var second = new ChildNode(new Dictionary<string, string>(Tls(ca, ca, "node-2", passwordInFile: true))
        {
            ["KuaSheng__Cluster__Seeds__0"] = first.AkkaAddress,
        });
        await second.WaitReadyAsync();
        var token = await ClusterAdmin.OperatorToken(first);
        var both = await ClusterAdmin.Until(first, token,
            m => m.Count(x => x!["status"]!.GetValue<string>() == "up") == 2, TimeSpan.FromSeconds(30));
        Assert.True(At(both["members"]!.AsArray(), second)?["status"]?.GetValue<string>() == "up",
            both.ToJsonString() + "\n" + second.Tail());

        // Another CA's certificate (it even trusts the cluster's CA), and no TLS at all: both try the first node as seed.
        using var stranger = new ChildNode(new Dictionary<string, string>(Tls(otherCa, ca, "stranger"))
        {
            ["KuaSheng__Cluster__Seeds__0"] = first.AkkaAddress,
        });
        using var plain = new ChildNode(new Dictionary<string, string> { ["KuaSheng__Cluster__Seeds__0"] = first.AkkaAddress });
        var intruders = new[] { stranger, plain };
        var view = await ClusterAdmin.Until(first, token, m => intruders.Any(n => At(m, n) is not null), TimeSpan.FromSeconds(20));
        var members = view["members"]!.AsArray();
        Assert.True(intruders.All(n => At(members, n) is null), view.ToJsonString());
        Assert.All(members, m => Assert.StartsWith("akka.ssl.tcp://", m!["address"]!.GetValue<string>()));
        Assert.Equal(2, members.Count);
        Assert.False(stranger.HasExited && plain.HasExited, "the intruders did not even start:\n" + stranger.Tail());
        // The first node says why it refused the stranger.
        Assert.Contains("is not one of this cluster's", first.Output + second.Output);
    }
}
