using System.Text.Json;
using System.Text.Json.Nodes;

namespace KuaSheng.Cli;

/// <summary>A JSON file an operator hands to an import command, read whole before anything is sent. Every problem is
/// one line naming the file (exit 1: the command line was fine, the file is not).</summary>
public static class JsonFile
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    public static JsonNode Read(FileInfo file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailure($"cannot read {file}: {e.Message}");
        }
        try
        {
            return JsonNode.Parse(text, documentOptions: Strict) ?? throw Invalid(file, "the file holds only null");
        }
        catch (JsonException e)
        {
            // The message ends with its own "LineNumber: 0 | BytePositionInLine: 5." (zero-based); say it as people count.
            var what = e.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0].Trim().TrimEnd('.');
            var at = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
            throw Invalid(file, $"not valid JSON{at}: {what}");
        }
    }

    public static CliFailure Invalid(FileInfo file, string problem) => new($"{file}: {problem}; nothing was sent");
}
