using System.CommandLine;
using System.Text.Json.Nodes;

namespace KuaSheng.Cli.Commands;

/// <summary><c>ksctl sharding regions</c> (every shard of every region with its node and running entities) and
/// <c>ksctl sharding stats</c> (totals per region and per node), both from <c>GET /api/v1/admin/sharding</c>
/// (operator or supervisor).</summary>
public static class ShardingCommands
{
    private const string Path = "/api/v1/admin/sharding";

    public static Command Build(GlobalOptions options)
    {
        var regions = new Command("regions", "Every shard of every region: the node hosting it and its running entities");
        options.Run(regions, async (session, _, ct) =>
        {
            if (await session.GetForPeople(Path, ct) is not { } sharding) return ExitCodes.Success;
            var table = Session.Table("region", "shard", "node", "entities");
            foreach (var r in Regions(sharding))
            {
                foreach (var s in r["shards"] as JsonArray ?? []) Session.Row(table, r["typeName"], s?["shardId"], s?["address"], s?["entities"]);
                foreach (var s in r["unanswered"] as JsonArray ?? []) Session.Row(table, r["typeName"], s?["shardId"], s?["address"], "? (did not answer)");
            }
            session.Write(table);
            return ExitCodes.Success;
        });

        var stats = new Command("stats", "Totals per region (shards, running entities), and per node");
        options.Run(stats, async (session, _, ct) =>
        {
            var totals = Totals((await session.Node.Get(Path, ct)).Body);
            if (session.Json)
            {
                session.WriteJson(new JsonObject { ["regions"] = totals });
                return ExitCodes.Success;
            }
            var table = Session.Table("region", "node", "shards", "entities");
            foreach (var r in totals.OfType<JsonObject>())
            {
                Session.Row(table, r["typeName"], "(all nodes)", r["shards"], r["entities"]);
                foreach (var n in r["nodes"] as JsonArray ?? []) Session.Row(table, "", n?["address"], n?["shards"], n?["entities"]);
            }
            session.Write(table);
            return ExitCodes.Success;
        });
        return new Command("sharding", "Shard regions, shards and entities (admin)") { regions, stats };
    }

    private static IEnumerable<JsonObject> Regions(JsonNode body) => (body["regions"] as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>Per region: shards and entities in all, then per node (in address order).</summary>
    private static JsonArray Totals(JsonNode body)
    {
        var regions = new JsonArray();
        foreach (var r in Regions(body))
        {
            var shards = (r["shards"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(s => (Address: Session.Cell(s["address"]), Entities: s["entities"]?.GetValue<long>() ?? 0)).ToList();
            var nodes = new JsonArray();
            foreach (var node in shards.GroupBy(s => s.Address).OrderBy(g => g.Key, StringComparer.Ordinal))
                nodes.Add(new JsonObject { ["address"] = node.Key, ["shards"] = node.Count(), ["entities"] = node.Sum(s => s.Entities) });
            regions.Add(new JsonObject
            {
                ["typeName"] = r["typeName"]?.DeepClone(),
                ["shards"] = shards.Count,
                ["entities"] = shards.Sum(s => s.Entities),
                ["nodes"] = nodes,
            });
        }
        return regions;
    }
}
