using System.Text.Json;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using KuaSheng.Host.Lifecycle;

namespace KuaSheng.Host.Tests;

/// <summary>The Host as a real process: what systemd or Kubernetes sees.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Sigterm_leaves_the_cluster_gracefully_and_exits_zero()
    {
        using var child = new ChildNode(new Dictionary<string, string> { ["KuaSheng__Logging__Json"] = "true" });
        await child.WaitReadyAsync();

        child.Terminate();
        var exitCode = await child.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 0, $"exit code {exitCode?.ToString() ?? "none: still running after 30 s"}\n{child.Tail()}");
        var output = child.Output;
        Assert.Contains("Exiting completed", output);
        Assert.Contains("KuaSheng node stopped, exit code 0", output);
        // KuaSheng:Logging:Json=true: the node's events are compact JSON, one per line.
        var events = output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l)).ToList();
        Assert.Contains(events, e => e.RootElement.TryGetProperty("@m", out var m) && m.GetString()!.StartsWith("Starting KuaSheng node", StringComparison.Ordinal));
        Assert.All(events, e => Assert.True(e.RootElement.TryGetProperty("@t", out _)));
    }

    [Fact]
    public async Task Node_downed_by_another_member_exits_with_a_non_zero_code()
    {
        using var child = new ChildNode();
        await child.WaitReadyAsync();

        // A second member joins the child's cluster and downs it, as the split-brain resolver or an operator would.
        var config = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = cluster
            akka.loglevel = WARNING
            akka.remote.dot-netty.tcp.hostname = 127.0.0.1
            akka.remote.dot-netty.tcp.port = {{FreePort.Next()}}
            akka.cluster.seed-nodes = ["{{child.AkkaAddress}}"]
            akka.cluster.roles = ["test-downer"]
            """);
        using var other = ActorSystem.Create("kuasheng", config);
        try
        {
            var cluster = Cluster.Get(other);
            var up = new TaskCompletionSource();
            cluster.RegisterOnMemberUp(() => up.TrySetResult());
            await up.Task.WaitAsync(TimeSpan.FromSeconds(30));

            cluster.Down(Address.Parse(child.AkkaAddress));
            var exitCode = await child.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.True(exitCode == ActorSystemWatcher.TerminatedExitCode,
                $"exit code {exitCode?.ToString() ?? "none: still running after 60 s"}\n{child.Tail()}");
            Assert.Contains("terminated on its own", child.Output);
        }
        finally
        {
            await other.Terminate().WaitAsync(TimeSpan.FromSeconds(20));
        }
    }
}
