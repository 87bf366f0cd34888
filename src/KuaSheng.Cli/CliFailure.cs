namespace KuaSheng.Cli;

/// <summary>A failure the CLI reports as one line on stderr, with its exit code.</summary>
public sealed class CliFailure(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>ksctl's exit codes: 0 success, 1 the node refused, failed or could not be reached (or is not ready),
/// 2 the command line itself is wrong.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}
