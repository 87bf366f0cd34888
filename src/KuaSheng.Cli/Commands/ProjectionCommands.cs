using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace KuaSheng.Cli.Commands;

/// <summary><c>ksctl projections show</c> (<c>GET /api/v1/admin/projections</c>, operator or supervisor) and
/// <c>ksctl projections rebuild NAME [--wait]</c> (<c>POST /api/v1/admin/projections/{name}/rebuild</c>, operator);
/// with <c>--wait</c> the status is polled until the projection has caught up, and the time the rebuild took printed.</summary>
public static class ProjectionCommands
{
    private const string Path = "/api/v1/admin/projections";

    public static Command Build(GlobalOptions options)
    {
        var show = new Command("show", "The read-model projections: offset, events behind, lag");
        options.Run(show, async (session, _, ct) =>
        {
            var answer = await session.Node.Get(Path, ct);
            if (session.Json)
            {
                session.WriteJson(answer.Text);
                return ExitCodes.Success;
            }
            var table = Session.Table("name", "offset", "events behind", "lag (s)", "rebuilding", "events projected", "last event at");
            foreach (var p in answer.Body["projections"] as JsonArray ?? [])
                Session.Row(table, p?["name"], p?["offset"], p?["eventsBehind"], p?["lagSeconds"], p?["rebuilding"], p?["eventsProjected"], p?["lastEventAt"]);
            session.Write(table);
            return ExitCodes.Success;
        });

        var name = new Argument<string>("NAME") { Description = "The projection, e.g. case-summaries (see `projections show`)" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the projection has caught up, and print how long the rebuild took" };
        var timeout = new Option<int>("--timeout")
        {
            Description = "With --wait: give up after this many seconds", DefaultValueFactory = _ => 600, HelpName = "SECONDS",
        };
        timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() <= 0) r.AddError("--timeout is a number of seconds above 0.");
        });
        var rebuild = new Command("rebuild", "Rebuild a projection from the start of the journal (operator); reads show fewer rows until it catches up")
            { name, wait, timeout };
        options.Run(rebuild, async (session, parse, ct) =>
        {
            var projection = parse.GetValue(name)!;
            var clock = Stopwatch.StartNew();
            var started = await session.Node.Post($"{Path}/{Uri.EscapeDataString(projection)}/rebuild", null, ct);
            if (!parse.GetValue(wait))
            {
                if (session.Json) session.WriteJson(started.Text);
                else session.Line($"{projection}: {Session.Cell(started.Json?["status"] ?? "rebuilding")} (see `ksctl projections show`)");
                return ExitCodes.Success;
            }
            var status = await WaitCaughtUp(session, projection, TimeSpan.FromSeconds(parse.GetValue(timeout)), ct);
            var seconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
            if (session.Json)
                session.WriteJson(new JsonObject { ["name"] = projection, ["status"] = "caught-up", ["seconds"] = seconds, ["projection"] = status.DeepClone() });
            else
                session.Line(string.Create(CultureInfo.InvariantCulture,
                    $"{projection}: rebuilt in {seconds:0.###} s ({Session.Cell(status["eventsProjected"])} events projected, offset {Session.Cell(status["offset"])})"));
            return ExitCodes.Success;
        });
        return new Command("projections", "The read-model projections (admin)") { show, rebuild };
    }

    /// <summary>Polls the status until the projection is not rebuilding and has no events behind.</summary>
    private static async Task<JsonNode> WaitCaughtUp(Session session, string projection, TimeSpan timeout, CancellationToken ct)
    {
        var until = Stopwatch.StartNew();
        while (true)
        {
            var answer = await session.Node.Get(Path, ct);
            var status = (answer.Body["projections"] as JsonArray ?? []).FirstOrDefault(p => Session.Cell(p?["name"]) == projection)
                         ?? throw new CliFailure($"the node no longer lists projection {projection}");
            if (Long(status["eventsBehind"]) == 0 && status["rebuilding"] is JsonValue r && r.TryGetValue<bool>(out var rebuilding) && !rebuilding)
                return status;
            if (until.Elapsed > timeout)
                throw new CliFailure(string.Create(CultureInfo.InvariantCulture,
                    $"{projection} had not caught up after {timeout.TotalSeconds:0} s ({Session.Cell(status["eventsBehind"])} events behind, rebuilding {Session.Cell(status["rebuilding"])})"));
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    private static long? Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;
}
