using System.CommandLine;
using System.Text.Json.Nodes;

namespace KuaSheng.Cli.Commands;

/// <summary><c>ksctl audit [--from T] [--to T] [--subject S] [--limit N] [--cursor C]</c>: <c>GET /api/v1/admin/audit</c>
/// (operator, supervisor), one page of the audit trail, newest first: a table (when, who, what, target, from where,
/// outcome), then the cursor of the next page if there is one; <c>--json</c> prints the node's answer.</summary>
public static class AuditCommands
{
    public static Command Build(GlobalOptions options)
    {
        var from = new Option<string?>("--from") { Description = "From this time on (ISO 8601 with offset, e.g. 2026-12-01T00:00:00+08:00)", HelpName = "TIME" };
        var to = new Option<string?>("--to") { Description = "Before this time (ISO 8601 with offset)", HelpName = "TIME" };
        var subject = new Option<string?>("--subject") { Description = "Only this caller's records (the token's sub)" };
        var limit = new Option<int?>("--limit") { Description = "Records per page, 1-1000 (default 100)", HelpName = "N" };
        var cursor = new Option<string?>("--cursor") { Description = "The next page, as the previous page's last line gave it" };
        var audit = new Command("audit", "The audit trail: writes outside case steps and refused admin requests (operator, supervisor)")
            { from, to, subject, limit, cursor };
        options.Run(audit, async (session, parse, ct) =>
        {
            var query = Query.Of(("from", parse.GetValue(from)), ("to", parse.GetValue(to)), ("subject", parse.GetValue(subject)),
                ("limit", parse.GetValue(limit)?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("cursor", parse.GetValue(cursor)));
            var answer = await session.Node.Get("/api/v1/admin/audit" + query, ct);
            if (session.Json)
            {
                session.WriteJson(answer.Text);
                return ExitCodes.Success;
            }
            var table = Session.Table("at", "subject", "role", "unit", "operation", "target", "from", "status", "code");
            foreach (var r in answer.Body["items"] as JsonArray ?? [])
                Session.Row(table, r?["at"], r?["subject"], r?["role"], r?["unit"], r?["operation"], r?["target"], r?["clientAddress"], r?["status"], r?["code"]);
            session.Write(table);
            if (answer.Body["next"] is { } next) session.Line($"more: ksctl audit --cursor {Session.Cell(next)} (with the same filters)");
            return ExitCodes.Success;
        });
        return audit;
    }
}
