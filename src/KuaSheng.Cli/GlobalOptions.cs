using System.CommandLine;

namespace KuaSheng.Cli;

/// <summary>The options every command takes (<c>--node</c>, <c>--token</c>, <c>--json</c>), and the one place where a
/// command's work is run and its failures reported.</summary>
public sealed class GlobalOptions(TextWriter stdout, TextWriter stderr, HttpMessageHandler? handler)
{
    public Option<string> Node { get; } = new("--node")
    {
        Description = "The node's HTTP address (env KSCTL_NODE)",
        Recursive = true,
        HelpName = "URL",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("KSCTL_NODE") is { Length: > 0 } n ? n : Ksctl.DefaultNode,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "Bearer token (env KSCTL_TOKEN); `ksctl token issue` makes one on dev nodes",
        Recursive = true,
        HelpName = "T",
        // No DefaultValueFactory: help prints an option's default, and this one is a credential (read in Run instead).
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the server's JSON (for scripts) instead of tables",
        Recursive = true,
    };

    public TextWriter Stderr { get; } = stderr;

    public void AddTo(Command root)
    {
        root.Options.Add(Node);
        root.Options.Add(Token);
        root.Options.Add(Json);
    }

    /// <summary>Sets the command's action: a session is opened on the node, the work runs, and a <see cref="CliFailure"/>
    /// becomes one line on stderr and its exit code.</summary>
    /// <summary>--token, else KSCTL_TOKEN.</summary>
    private string? TokenOf(ParseResult parse) =>
        parse.GetValue(Token) ?? (Environment.GetEnvironmentVariable("KSCTL_TOKEN") is { Length: > 0 } t ? t : null);

    public void Run(Command command, Func<Session, ParseResult, CancellationToken, Task<int>> work) =>
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                if (!Uri.TryCreate(parse.GetValue(Node), UriKind.Absolute, out var node) || node.Scheme is not ("http" or "https"))
                    throw new CliFailure($"--node must be an http(s) URL, not \"{parse.GetValue(Node)}\"", ExitCodes.Usage);
                using var session = new Session(new NodeClient(node, TokenOf(parse), handler), stdout, parse.GetValue(Json));
                return await work(session, parse, ct);
            }
            catch (CliFailure failure)
            {
                await Stderr.WriteLineAsync($"ksctl: {NodeClient.OneLine(failure.Message)}");
                return failure.ExitCode;
            }
        });
}
