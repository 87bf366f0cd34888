using System.CommandLine;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KuaSheng.Cli.Commands;

/// <summary><c>ksctl ledger export --month YYYY-MM [--unit U] --format xlsx|csv --out FILE</c>:
/// <c>GET /api/v1/ledger?month=&amp;unitId=&amp;format=</c> (supervisor), the answer's bytes saved to FILE. The file is written
/// whole or not at all.</summary>
public static partial class LedgerCommands
{
    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex Month();

    public static Command Build(GlobalOptions options)
    {
        var month = new Option<string>("--month") { Description = "The month, YYYY-MM", Required = true, HelpName = "YYYY-MM" };
        month.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is not { } m || !Month().IsMatch(m)) r.AddError($"--month is YYYY-MM (e.g. 2026-10), not \"{r.GetValueOrDefault<string>()}\".");
        });
        var unit = new Option<string?>("--unit") { Description = "Only this unit" };
        var format = new Option<string>("--format") { Description = "xlsx or csv", Required = true };
        format.AcceptOnlyFromAmong("xlsx", "csv");
        var output = new Option<FileInfo>("--out") { Description = "The file to write", Required = true, HelpName = "FILE" };
        var export = new Command("export", "Export a month's ledger (台账) as a file") { month, unit, format, output };
        options.Run(export, async (session, parse, ct) =>
        {
            var query = Query.Of(("month", parse.GetValue(month)), ("unitId", parse.GetValue(unit)), ("format", parse.GetValue(format)));
            var bytes = await session.Node.GetBytes("/api/v1/ledger" + query, ct);
            var file = parse.GetValue(output)!;
            var partial = file.FullName + ".part";
            try
            {
                await File.WriteAllBytesAsync(partial, bytes, ct);
                File.Move(partial, file.FullName, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                try { File.Delete(partial); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                throw new CliFailure($"cannot write {file.FullName}: {e.Message}");
            }
            if (session.Json) session.WriteJson(new JsonObject { ["file"] = file.FullName, ["bytes"] = bytes.Length });
            else session.Line($"wrote {file.FullName} ({bytes.Length} bytes)");
            return ExitCodes.Success;
        });
        return new Command("ledger", "The monthly ledger (台账)") { export };
    }
}
