using System.Net;
using System.Text;

namespace KuaSheng.Api.Tests;

/// <summary>One ksctl invocation: exit code, stdout and stderr.</summary>
public sealed record KsctlRun(int Exit, string Out, string Err)
{
    /// <summary>A failure says what went wrong in exactly one line.</summary>
    public string OneErrorLine()
    {
        var lines = Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got: {Err}");
        return lines[0];
    }

    public void Succeeded() => Assert.True(Exit == 0, ToString());

    public override string ToString() => $"exit {Exit}\nstdout: {Out}\nstderr: {Err}";
}

/// <summary>ksctl in-process, as an operator types it (against a real node, or through a stub handler).</summary>
public static class KsctlHarness
{
    public static async Task<KsctlRun> Ksctl(params string[] args) => await KsctlVia(null, args);

    public static async Task<KsctlRun> KsctlVia(HttpMessageHandler? handler, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await KuaSheng.Cli.Ksctl.RunAsync(args, stdout, stderr, handler);
        return new KsctlRun(exit, stdout.ToString(), stderr.ToString());
    }

    public static HttpResponseMessage JsonAnswer(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}

/// <summary>A node that is not there: answers as told, counting the requests.</summary>
public sealed class StubNode(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public int Calls { get; private set; }
    public HttpRequestMessage? Last { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls++;
        Last = request;
        return Task.FromResult(answer(request));
    }
}
