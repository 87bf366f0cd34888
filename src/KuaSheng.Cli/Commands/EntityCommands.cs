using System.CommandLine;
using Spectre.Console;

namespace KuaSheng.Cli.Commands;

/// <summary><c>ksctl entity locate TYPE ID</c>: <c>GET /api/v1/admin/entities/{type}/{id}</c> (operator or supervisor):
/// the entity's shard, the node hosting it and whether it runs now.</summary>
public static class EntityCommands
{
    public static Command Build(GlobalOptions options)
    {
        var type = new Argument<string>("TYPE") { Description = "The entity type: case, unit, waybill, reference, ticket (see `sharding regions`)" };
        var id = new Argument<string>("ID") { Description = "The entity id, e.g. a case id or a unit id" };
        var locate = new Command("locate", "Where an entity lives: shard, node, running or not") { type, id };
        options.Run(locate, async (session, parse, ct) =>
        {
            var path = $"/api/v1/admin/entities/{Uri.EscapeDataString(parse.GetValue(type)!)}/{Uri.EscapeDataString(parse.GetValue(id)!)}";
            if (await session.GetForPeople(path, ct) is not { } e) return ExitCodes.Success;
            var grid = new Grid().AddColumn().AddColumn();
            foreach (var (label, value) in new[]
                     {
                         ("type", Session.Cell(e["typeName"])), ("entity", Session.Cell(e["entityId"])), ("shard", Session.Cell(e["shardId"])),
                         ("node", e["address"] is null ? "(shard not allocated)" : Session.Cell(e["address"])),
                         ("running", Session.Cell(e["alive"])),
                     })
                grid.AddRow(new Text(label), new Text(value));
            session.Write(grid);
            return ExitCodes.Success;
        });
        return new Command("entity", "Sharded entities (admin)") { locate };
    }
}
