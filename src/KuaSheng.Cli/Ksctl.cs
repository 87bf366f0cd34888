using System.CommandLine;
using System.CommandLine.Parsing;
using KuaSheng.Cli.Commands;

namespace KuaSheng.Cli;

/// <summary>
/// <c>ksctl [--node URL] [--token T] [--json] &lt;command&gt;</c>: the operator CLI over a node's HTTP API (API.md, ksctl).
/// One small file per command group under <c>Commands/</c>; each builds its <see cref="Command"/> from the shared
/// <see cref="GlobalOptions"/> and runs its work through <see cref="GlobalOptions.Run"/>, which turns failures into
/// one line on stderr and an exit code.
/// </summary>
public static class Ksctl
{
    public const string DefaultNode = "http://127.0.0.1:5080";

    /// <summary>Runs ksctl in-process: what <c>Main</c> does, with the output and the HTTP handler given (tests).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, HttpMessageHandler? handler = null,
        CancellationToken cancellationToken = default)
    {
        var options = new GlobalOptions(stdout, stderr, handler);
        var root = BuildRoot(options);
        // No response files: an argument starting with @ is a value (a ticket index's entity id is "@unit:...").
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        if (parsed.Errors.Count > 0)
        {
            var problem = parsed.UnmatchedTokens.Count > 0
                ? $"unknown command or argument '{parsed.UnmatchedTokens[0]}'"
                : NodeClient.OneLine(parsed.Errors[0].Message);
            await stderr.WriteLineAsync($"ksctl: {problem}");
            await root.Parse([.. CommandPath(parsed.CommandResult), "--help"]).InvokeAsync(
                new InvocationConfiguration { Output = stderr, Error = stderr }, cancellationToken);
            return ExitCodes.Usage;
        }
        try
        {
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("ksctl: cancelled");
            return ExitCodes.Failure;
        }
    }

    public static RootCommand BuildRoot(GlobalOptions options)
    {
        var root = new RootCommand("ksctl: operate a KuaSheng node over its HTTP API (admin and read endpoints).");
        options.AddTo(root);
        root.Subcommands.Add(HealthCommands.Build(options));
        root.Subcommands.Add(TokenCommands.Build(options));
        root.Subcommands.Add(CaseCommands.Build(options));
        root.Subcommands.Add(CatalogueCommands.Build(options));
        root.Subcommands.Add(CalendarCommands.Build(options));
        root.Subcommands.Add(ProjectionCommands.Build(options));
        root.Subcommands.Add(LedgerCommands.Build(options));
        root.Subcommands.Add(ClusterCommands.Build(options));
        root.Subcommands.Add(ShardingCommands.Build(options));
        root.Subcommands.Add(EntityCommands.Build(options));
        root.Subcommands.Add(AuditCommands.Build(options));
        return root;
    }

    private static IEnumerable<string> CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c && c.Parent is not null; r = c.Parent) names.Insert(0, c.Command.Name);
        return names;
    }
}
