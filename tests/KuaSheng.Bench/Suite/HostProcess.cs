using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KuaSheng.Bench.Suite;

/// <summary>A real node: <c>dotnet KuaSheng.Host.dll --config single-node</c> on a data folder, HTTP and Akka on free
/// loopback ports, logging at Warning into a file of the data folder (kept only to explain a failure).</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _log;

    private HostProcess(Process process, string baseUrl, string log)
    {
        _process = process;
        BaseUrl = baseUrl;
        _log = log;
    }

    public string BaseUrl { get; }
    public int Pid => _process.Id;

    /// <summary>From the process start until <c>/readyz</c> answered 200.</summary>
    public TimeSpan StartToReady { get; private set; }

    public static async Task<HostProcess> StartAsync(string hostDll, string dataDir, params string[] extra)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])[hostDll, "--config", "single-node", $"--urls={baseUrl}", $"--KuaSheng:DataDir={dataDir}",
                     $"--KuaSheng:Cluster:Port={FreePort()}", "--KuaSheng:Logging:Level=Warning", .. extra])
            start.ArgumentList.Add(a);
        var log = Path.Combine(dataDir, $"host-{Guid.NewGuid():N}.log");
        Directory.CreateDirectory(dataDir);
        var watch = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, baseUrl, log);
        using var probe = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The host exited with {process.ExitCode}: {host.Tail()}");
            if (DateTime.UtcNow > until) throw new TimeoutException($"The host did not become ready: {host.Tail()}");
            try
            {
                if ((await probe.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK) break;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(20);
        }
        host.StartToReady = watch.Elapsed;
        return host;
    }

    /// <summary>VmRSS of the node process, in bytes.</summary>
    public long Rss()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private string Tail()
    {
        try { return string.Join('\n', File.ReadLines(_log).TakeLast(20)); }
        catch (IOException) { return "(no log)"; }
    }

    /// <summary>SIGTERM (a clean stop), SIGKILL after 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Shell.TryRun("kill", $"-TERM {_process.Id}");
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }

    private static int FreePort() => KuaSheng.Testing.LoopbackPorts.Next();
}
