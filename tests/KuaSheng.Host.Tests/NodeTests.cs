using System.Net;
using Akka.Actor;
using Akka.Cluster;
using KuaSheng.Host.Lifecycle;

namespace KuaSheng.Host.Tests;

/// <summary>The node built by the composition root, started in this process.</summary>
public sealed class NodeTests
{
    [Fact]
    public async Task Node_starts_on_its_own_data_folder_answers_health_and_leaves_the_cluster_when_stopped()
    {
        var node = new InProcessNode();
        await using (node)
        {
            await node.StartAndWaitReadyAsync();

            using var health = await Http.Client.GetAsync(node.BaseUrl + "/healthz");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Contains("\"alive\"", await health.Content.ReadAsStringAsync());

            using var ready = await Http.Client.GetAsync(node.BaseUrl + "/readyz");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("{\"status\":\"ready\"}", await ready.Content.ReadAsStringAsync());

            var self = Cluster.Get(node.System).SelfMember;
            Assert.Equal(MemberStatus.Up, self.Status);
            Assert.Equal($"akka.tcp://kuasheng@127.0.0.1:{node.AkkaPort}", self.Address.ToString());
            Assert.True(File.Exists(Path.Combine(node.DataDir, "kuasheng.db")), "SQLite journal not in DataDir");

            var system = node.System;
            var exited = new TaskCompletionSource();
            system.ActorOf(Props.Create(() => new SelfExitWatcher(exited)));
            await node.App.StopAsync();
            Assert.True(system.WhenTerminated.IsCompleted, "actor system still running after the host stopped");
            Assert.IsType<CoordinatedShutdown.ClrExitReason>(CoordinatedShutdown.Get(system).ShutdownReason);
            // Left the cluster (Leaving -> Exiting), did not just drop out of it.
            Assert.True(exited.Task.IsCompleted, "this node never went through Exiting");
            Assert.Equal(0, node.Watcher.ExitCode);
            Assert.Null(node.Watcher.UnexpectedTermination);
        }
    }

    [Fact]
    public async Task Readyz_is_503_with_a_reason_while_the_journal_database_is_unreachable()
    {
        var deadPort = FreePort.Next(); // nothing listens there
        var node = new InProcessNode(
            "--KuaSheng:Database=PostgreSql",
            $"--KuaSheng:ConnectionString=Host=127.0.0.1;Port={deadPort};Database=kuasheng;Username=kuasheng;Password=x;Timeout=2");
        await using (node)
        {
            await node.App.StartAsync();
            // The cluster comes up regardless; readiness must still say no, because of the journal.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Cluster.Get(node.System).SelfMember.Status != MemberStatus.Up && DateTime.UtcNow < deadline)
                await Task.Delay(200);
            Assert.Equal(MemberStatus.Up, Cluster.Get(node.System).SelfMember.Status);

            using var health = await Http.Client.GetAsync(node.BaseUrl + "/healthz");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

            var started = DateTime.UtcNow;
            using var ready = await Http.Client.GetAsync(node.BaseUrl + "/readyz");
            var body = await ready.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("\"not-ready\"", body);
            Assert.Contains("journal database", body);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8), "the journal check is not time-limited");
        }
    }

    [Fact]
    public async Task Actor_system_that_terminates_on_its_own_stops_the_node_with_a_non_zero_exit_code()
    {
        var node = new InProcessNode();
        await using (node)
        {
            var run = await node.RunUntilReadyAsync();

            await node.System.Terminate();

            var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(ActorSystemWatcher.TerminatedExitCode, exitCode);
            Assert.Contains("terminated on its own", node.Log.Text);
        }
    }
}

public sealed class LeaveOnRequestTests
{
    [Fact]
    public async Task A_node_asked_to_leave_the_cluster_stops_with_exit_code_zero()
    {
        var node = new InProcessNode();
        await using (node)
        {
            var run = await node.RunUntilReadyAsync();

            var watcher = node.Watcher; // the app's services are disposed once it has run
            var cluster = Cluster.Get(node.System);
            cluster.Leave(cluster.SelfAddress); // what POST /admin/cluster/leave does for this node's address

            var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(0, exitCode);
            Assert.Null(watcher.UnexpectedTermination);
            Assert.Contains("left the cluster on request", node.Log.Text);
        }
    }
}

/// <summary>Completes when this node's own member reaches Exiting: only a graceful leave gets there.</summary>
internal sealed class SelfExitWatcher : ReceiveActor
{
    public SelfExitWatcher(TaskCompletionSource exited)
    {
        var cluster = Cluster.Get(Context.System);
        Receive<ClusterEvent.MemberExited>(e =>
        {
            if (e.Member.Address == cluster.SelfAddress) exited.TrySetResult();
        });
        ReceiveAny(_ => { });
        cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberExited));
    }
}
