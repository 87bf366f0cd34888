using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Microsoft.Data.Sqlite;

// Nodes bind ports and Akka.Logger.Serilog writes to Serilog's static logger: one node at a time in this process.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace KuaSheng.Host.Tests;

internal static class TestPaths
{
    public static string HostOutputDirectory => Metadata("HostOutputDirectory");
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException(key);
}

internal static class FreePort
{
    /// <summary>A loopback port free now and not handed out before (<see cref="KuaSheng.Testing.LoopbackPorts"/>).</summary>
    public static int Next() => KuaSheng.Testing.LoopbackPorts.Next();
}

/// <summary>A unique folder under the temp directory, removed on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kuasheng-host-test-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A TextWriter that collects what is written, safe to read while others write.</summary>
internal sealed class CapturedOutput : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) { lock (_lock) _text.Append(value); }
    public override void Write(string? value) { lock (_lock) _text.Append(value); }
    public override void Write(char[] buffer, int index, int count) { lock (_lock) _text.Append(buffer, index, count); }

    public string Text { get { lock (_lock) return _text.ToString(); } }

    public string Tail(int characters = 4000)
    {
        var text = Text;
        return text.Length <= characters ? text : text[^characters..];
    }
}

internal static class Http
{
    public static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Polls /readyz until 200 or the deadline; returns the last status and body.</summary>
    public static async Task<(HttpStatusCode? Status, string Body)> WaitReadyAsync(string baseUrl, TimeSpan within, Func<bool>? givenUp = null)
    {
        var deadline = DateTime.UtcNow + within;
        (HttpStatusCode? Status, string Body) last = (null, "no answer");
        while (DateTime.UtcNow < deadline && givenUp?.Invoke() != true)
        {
            try
            {
                using var response = await Client.GetAsync(baseUrl + "/readyz");
                last = (response.StatusCode, await response.Content.ReadAsStringAsync());
                if (response.StatusCode == HttpStatusCode.OK) return last;
            }
            catch (HttpRequestException e) { last = (null, e.Message); }
            catch (TaskCanceledException e) { last = (null, e.Message); }
            await Task.Delay(250);
        }
        return last;
    }
}
