using Akka.Actor;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.ReadModel;
using KuaSheng.Actors.Tests.Wiring;
using KuaSheng.Actors.Tickets;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Tickets;
using Microsoft.Extensions.DependencyInjection;
using static KuaSheng.Actors.Tests.Wiring.NodeCases;

namespace KuaSheng.Actors.Tests.ReadModel;

/// <summary>The ticket projection over the whole wiring: ticket events are tagged "ticket", rows follow the tickets
/// (no text, no contact), a repeated command adds nothing, and a rebuild gives the same table.</summary>
public sealed class TicketProjectionTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly CommandActor Justice = new("officer", "justice", "qj-justice");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static async Task Tell(Node node, IWithTicketId request)
    {
        var answer = await node.Region<TicketRegion>().Ask<TicketAnswer>(request, Timeout);
        Assert.Null(answer.Refusal);
    }

    private static async Task<ProjectionStatus> CaughtUp(Node node, long atLeast)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                var status = await node.Region<TicketProjectionKey>().Ask<ProjectionStatus>(new GetProjectionStatus(), Timeout);
                if ((status.EventsBehind == 0 && status.EventsProjected >= atLeast && !status.Rebuilding) || DateTime.UtcNow > until) return status;
            }
            catch (AskTimeoutException) when (DateTime.UtcNow < until)
            {
            }
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Rows_follow_the_tickets_and_a_rebuild_gives_the_same_table()
    {
        await using var node = await Node.StartAsync(_dir, Monday);
        for (var i = 0; i < 6; i++)
        {
            var id = $"t{i}";
            await Tell(node, new OpenTicketRequest(id, "open", new OpenTicket(id, TicketKind.Complaint, "c1", "qj-justice",
                "材料寄出两周仍未受理", "13800138000", Clerk)));
            if (i % 3 >= 1) await Tell(node, new ReplyTicketRequest(id, "reply", new ReplyToTicket("已受理", Justice)));
            if (i % 3 == 2) await Tell(node, new CloseTicketRequest(id, "close", new CloseTicket(null, Justice)));
        }
        // A repeated command is answered again and persists nothing.
        await Tell(node, new ReplyTicketRequest("t1", "reply", new ReplyToTicket("已受理", Justice)));

        var status = await CaughtUp(node, atLeast: 6 + 4 + 2);
        Assert.Equal(0, status.EventsBehind);
        Assert.Equal(TicketReadModelStore.ProjectionName, status.Name);
        var store = node.Services.GetRequiredService<TicketReadModelStore>();
        var rows = await store.DumpAsync();
        Assert.Equal(6, rows.Count);
        // ticket_id | kind | case_id | unit_id | status | opened_at | reply_due | first_reply_at | on_time | replies | closed_at | version
        var byId = rows.Select(r => r.Split(" | ")).ToDictionary(c => c[0]);
        Assert.Equal(["open", "answered", "closed", "open", "answered", "closed"], Enumerable.Range(0, 6).Select(i => byId[$"t{i}"][4]));
        Assert.Equal(["0", "1", "1"], Enumerable.Range(0, 3).Select(i => byId[$"t{i}"][9]));
        Assert.Equal(["1", "2", "3"], Enumerable.Range(0, 3).Select(i => byId[$"t{i}"][11]));
        Assert.All(byId.Values, c => Assert.Equal(("complaint", "c1", "qj-justice", "2026-03-09"), (c[1], c[2], c[3], c[6])));
        Assert.DoesNotContain(rows, r => r.Contains("13800138000", StringComparison.Ordinal) || r.Contains("材料", StringComparison.Ordinal));

        var started = await node.Region<TicketProjectionKey>().Ask<ProjectionRebuildStarted>(new RebuildProjection(), Timeout);
        Assert.Equal(TicketReadModelStore.ProjectionName, started.Name);
        await CaughtUp(node, atLeast: 12);
        Assert.Equal(rows, await store.DumpAsync());
    }
}
