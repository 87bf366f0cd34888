using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace KuaSheng.Cli.Commands;

/// <summary><c>ksctl case show ID</c>: <c>GET /api/v1/cases/{id}</c>: the case, its legs, deadlines and timeline.</summary>
public static class CaseCommands
{
    public static Command Build(GlobalOptions options)
    {
        var id = new Argument<string>("ID") { Description = "The case id" };
        var show = new Command("show", "Show one case: status, legs, deadlines, timeline") { id };
        options.Run(show, async (session, parse, ct) =>
        {
            var answer = await session.Node.Get($"/api/v1/cases/{Uri.EscapeDataString(parse.GetValue(id)!)}", ct);
            if (session.Json)
            {
                session.WriteJson(answer.Text);
                return ExitCodes.Success;
            }
            var c = answer.Body;
            var facts = new Grid().AddColumn().AddColumn();
            foreach (var (label, value) in new (string, JsonNode?)[]
                     {
                         ("case", c["caseId"]), ("number", c["caseNumber"]), ("item", $"{Session.Cell(c["itemCode"])} v{Session.Cell(c["itemVersion"])} {Session.Cell(c["itemName"])}"),
                         ("status", c["status"]), ("outcome", c["outcome"]), ("mode", c["mode"]), ("channel", c["channel"]),
                         ("receiving unit", c["receivingUnitId"]), ("applicant", c["applicant"]?["name"]),
                         ("originals received", c["originalsReceived"]), ("warnings", c["warnings"]),
                     })
                facts.AddRow(new Text(label), new Text(Session.Cell(value)));
            session.Write(facts);

            var legs = Session.Table("leg", "unit", "role", "order", "status", "reason");
            foreach (var l in c["legs"] as JsonArray ?? [])
                Session.Row(legs, l?["legId"], l?["unitId"], l?["role"], l?["order"], l?["status"], l?["reason"]);
            session.Write(legs.Title("legs"));

            var deadlines = Session.Table("step", "unit", "due", "state", "days over");
            foreach (var d in c["deadlines"] as JsonArray ?? [])
                Session.Row(deadlines, d?["step"], d?["unitId"], d?["due"], DeadlineState(d), d?["daysOver"]);
            session.Write(deadlines.Title("deadlines"));

            var timeline = Session.Table("at", "event", "by", "detail");
            foreach (var t in c["timeline"] as JsonArray ?? [])
                Session.Row(timeline, t?["at"], t?["type"], t?["by"], t?["detail"]);
            session.Write(timeline.Title("timeline"));
            return ExitCodes.Success;
        });
        return new Command("case", "Cases") { show };
    }

    private static string DeadlineState(JsonNode? d) =>
        Flag(d, "cancelled") ? "cancelled" : Flag(d, "missed") ? "missed" : Flag(d, "met") ? "met"
        : Flag(d, "provisional") ? "open (provisional)" : "open";

    private static bool Flag(JsonNode? d, string name) => d?[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
