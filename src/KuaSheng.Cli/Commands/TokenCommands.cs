using System.CommandLine;

namespace KuaSheng.Cli.Commands;

/// <summary><c>ksctl token issue --role R [--unit U] [--units A,B] [--subject S]</c>: <c>POST /api/v1/auth/dev-token</c>,
/// only on nodes with dev features (the single node, the local cluster). Prints the bare token, so that
/// <c>export KSCTL_TOKEN=$(ksctl token issue --role operator)</c> works; <c>--json</c> prints the whole answer.</summary>
public static class TokenCommands
{
    public static Command Build(GlobalOptions options)
    {
        var role = new Option<string>("--role") { Description = "window | officer | integration | carrier | supervisor | operator", Required = true };
        var unit = new Option<string?>("--unit") { Description = "The unit a window or officer acts for" };
        var units = new Option<string?>("--units") { Description = "Comma-separated units an integration acts for", HelpName = "A,B" };
        var subject = new Option<string?>("--subject") { Description = "The token's subject (default dev-ROLE)" };
        var issue = new Command("issue", "Issue a dev token (nodes with dev features only)") { role, unit, units, subject };
        options.Run(issue, async (session, parse, ct) =>
        {
            var list = parse.GetValue(units)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var body = new { role = parse.GetValue(role), unit = parse.GetValue(unit), units = list, sub = parse.GetValue(subject) };
            NodeClient.Answer answer;
            try
            {
                answer = await session.Node.Post("/api/v1/auth/dev-token", body, ct);
            }
            catch (CliFailure f) when (f.Message.StartsWith("not-found:", StringComparison.Ordinal))
            {
                throw new CliFailure($"{f.Message} (this node does not issue dev tokens: dev features are off)");
            }
            if (session.Json) session.WriteJson(answer.Text);
            else session.Line(Session.Cell(answer.Body["token"]));
            return ExitCodes.Success;
        });
        return new Command("token", "Tokens for trying the API") { issue };
    }
}
