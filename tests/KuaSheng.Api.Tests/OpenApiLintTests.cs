using System.Diagnostics;
using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>The served document passes Redocly's linter (ops/openapi-lint.sh, rules in redocly.yaml): what client
/// generators read is valid, examples included.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiLintTests(ApiNode node)
{
    [Fact]
    public async Task The_served_document_passes_the_redocly_linter()
    {
        var file = await ServedDocumentFileAsync(node);
        try
        {
            var (exit, output) = await Run(Path.Combine(RepositoryRoot(), "ops", "openapi-lint.sh"), file);
            Assert.True(exit == 0, $"ops/openapi-lint.sh exited {exit}:\n{output}");
        }
        finally { File.Delete(file); }
    }

    /// <summary>The document the node serves, written to a temporary file (the caller deletes it).</summary>
    internal static async Task<string> ServedDocumentFileAsync(ApiNode node)
    {
        using var anonymous = node.Client();
        var document = await anonymous.Get("/openapi/v1.json");
        Expect(document, HttpStatusCode.OK);
        var file = Path.Combine(Path.GetTempPath(), $"kuasheng-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document.Body!.ToJsonString());
        return file;
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "redocly.yaml"))) return dir.FullName;
        throw new InvalidOperationException("redocly.yaml not found above " + AppContext.BaseDirectory);
    }

    internal static Task<(int Exit, string Output)> Run(string script, params string[] args) =>
        Run(script, new Dictionary<string, string>(), args);

    /// <summary>Runs a script with bash and extra environment variables; its output is stdout then stderr. A script
    /// still running after 5 minutes is killed (with its children) and the run fails.</summary>
    internal static async Task<(int Exit, string Output)> Run(string script, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} ran over 5 minutes:\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
