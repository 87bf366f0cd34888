using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;

namespace KuaSheng.Cli.Commands;

/// <summary><c>ksctl health</c>: <c>GET /healthz</c> and <c>GET /readyz</c> (no token); exit 1 when not ready.</summary>
public static class HealthCommands
{
    public static Command Build(GlobalOptions options)
    {
        var health = new Command("health", "Is the node alive (/healthz) and ready (/readyz: cluster member up, journal reachable)? Exit 1 when not ready.");
        options.Run(health, async (session, _, ct) =>
        {
            var alive = await session.Node.Get("/healthz", ct);
            var ready = await session.Node.Get("/readyz", ct, HttpStatusCode.ServiceUnavailable);
            var isReady = ready.Status == HttpStatusCode.OK;
            if (session.Json)
                session.WriteJson(new JsonObject { ["healthz"] = alive.Json?.DeepClone(), ["readyz"] = ready.Json?.DeepClone() });
            else
            {
                var table = Session.Table("check", "status", "reason");
                Session.Row(table, "healthz", alive.Json?["status"] ?? alive.Text, alive.Json?["reason"]);
                Session.Row(table, "readyz", ready.Json?["status"] ?? ready.Text, ready.Json?["reason"]);
                session.Write(table);
            }
            if (!isReady)
                throw new CliFailure($"node {session.Node.Node.GetLeftPart(UriPartial.Authority)} is not ready: {Session.Cell(ready.Json?["reason"] ?? ready.Text)}");
            return ExitCodes.Success;
        });
        return health;
    }
}
