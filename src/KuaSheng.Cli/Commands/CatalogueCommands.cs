using System.CommandLine;
using System.Text.Json.Nodes;

namespace KuaSheng.Cli.Commands;

/// <summary><c>ksctl catalogue list [--batch N] [--q TEXT]</c>: <c>GET /api/v1/catalogue/items</c>;
/// <c>ksctl catalogue import FILE</c>: see <see cref="CatalogueImport"/>.</summary>
public static class CatalogueCommands
{
    public static Command Build(GlobalOptions options)
    {
        var batch = new Option<int?>("--batch") { Description = "Only this batch" };
        var q = new Option<string?>("--q") { Description = "Text in the code or name", HelpName = "TEXT" };
        var list = new Command("list", "List the catalogue items (newest version of each)") { batch, q };
        options.Run(list, async (session, parse, ct) =>
        {
            var query = Query.Of(("batch", parse.GetValue(batch)?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("q", parse.GetValue(q)));
            var answer = await session.Node.Get("/api/v1/catalogue/items" + query, ct);
            if (session.Json)
            {
                session.WriteJson(answer.Text);
                return ExitCodes.Success;
            }
            var table = Session.Table("code", "v", "status", "batch", "seq", "name", "modes", "days");
            var items = answer.Body["items"] as JsonArray ?? [];
            foreach (var i in items)
                Session.Row(table, i?["code"], i?["version"], i?["status"], i?["batch"], i?["seq"], i?["name"], i?["modes"], i?["promisedDays"]);
            session.Write(table);
            session.Line($"{items.Count} item(s)");
            return ExitCodes.Success;
        });
        return new Command("catalogue", "The catalogue of cross-province items") { list, CatalogueImport.Build(options) };
    }
}

/// <summary>A query string from the values given (escaped; empty ones left out).</summary>
public static class Query
{
    public static string Of(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
