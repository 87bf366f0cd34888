using System.CommandLine;
using System.Text.Json.Nodes;

namespace KuaSheng.Cli.Commands;

/// <summary><c>ksctl cluster show</c> (<c>GET /api/v1/admin/cluster</c>, operator or supervisor), <c>ksctl cluster leave
/// ADDR</c> and <c>ksctl cluster down ADDR</c> (<c>POST /api/v1/admin/cluster/leave|down</c>, operator): the node
/// accepts the request and the cluster carries it out; <c>cluster show</c> shows it happen. <c>ksctl cluster
/// down-unreachable</c> (<c>POST /api/v1/admin/cluster/down-unreachable</c>) downs every member the node cannot reach.</summary>
public static class ClusterCommands
{
    private const string Path = "/api/v1/admin/cluster";

    public static Command Build(GlobalOptions options)
    {
        var show = new Command("show", "The cluster's members as the node sees them: address, status, roles, reachable; self and leader");
        options.Run(show, async (session, _, ct) =>
        {
            if (await session.GetForPeople(Path, ct) is not { } cluster) return ExitCodes.Success;
            var self = Session.Cell(cluster["self"]);
            var leader = Session.Cell(cluster["leader"]);
            var table = Session.Table("address", "status", "roles", "reachable", "");
            foreach (var m in cluster["members"] as JsonArray ?? [])
            {
                var address = Session.Cell(m?["address"]);
                var marks = string.Join(", ", new[] { address == self ? "self" : null, address == leader ? "leader" : null }.OfType<string>());
                Session.Row(table, address, m?["status"], m?["roles"], m?["reachable"], marks);
            }
            session.Write(table);
            return ExitCodes.Success;
        });
        return new Command("cluster", "The cluster's members (admin)") { show, MemberCommand(options, "leave", "Ask a member to leave gracefully (its shards move first)"),
            MemberCommand(options, "down", "Mark a member down (a crashed node): its shards restart on the others"), DownUnreachable(options) };
    }

    /// <summary><c>ksctl cluster down-unreachable</c>: every member the node cannot reach is marked down.</summary>
    private static Command DownUnreachable(GlobalOptions options)
    {
        var command = new Command("down-unreachable", "Mark down every member the node cannot reach (operator)");
        options.Run(command, async (session, _, ct) =>
        {
            var answer = await session.Node.Post($"{Path}/down-unreachable", new { }, ct);
            if (session.Json) session.WriteJson(answer.Text);
            else if (answer.Body["downed"] is JsonArray { Count: > 0 } downed)
                foreach (var address in downed) session.Line($"{Session.Cell(address)}: down requested (see `ksctl cluster show`)");
            else session.Line("every member is reachable: none marked down");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command MemberCommand(GlobalOptions options, string action, string description)
    {
        var address = new Argument<string>("ADDR") { Description = "The member's address as `cluster show` lists it: akka.tcp://kuasheng@HOST:PORT" };
        var command = new Command(action, description + " (operator)") { address };
        options.Run(command, async (session, parse, ct) =>
        {
            var answer = await session.Node.Post($"{Path}/{action}", new { address = parse.GetValue(address) }, ct);
            if (session.Json) session.WriteJson(answer.Text);
            else session.Line($"{Session.Cell(answer.Body["address"])}: {action} requested (see `ksctl cluster show`)");
            return ExitCodes.Success;
        });
        return command;
    }
}
