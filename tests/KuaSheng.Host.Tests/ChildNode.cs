using System.Diagnostics;
using System.Text;

namespace KuaSheng.Host.Tests;

/// <summary>The built Host run as a child process (<c>dotnet KuaSheng.Host.dll</c>) on a temp data folder and free
/// ports, configured through the environment as ops scripts do.</summary>
internal sealed class ChildNode : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();

    /// <param name="dataDirectory">The node's data folder, kept by the caller (for restarts); default: one of its own.</param>
    /// <param name="httpPort">The HTTP port (default: a free one); a restarted cluster member keeps its ports.</param>
    /// <param name="akkaPort">The Akka remoting port (default: a free one).</param>
    public ChildNode(IDictionary<string, string>? environment = null, string? dataDirectory = null, int? httpPort = null, int? akkaPort = null)
    {
        HttpPort = httpPort ?? FreePort.Next();
        AkkaPort = akkaPort ?? FreePort.Next();
        var dll = Path.Combine(TestPaths.HostOutputDirectory, "KuaSheng.Host.dll");
        Assert.True(File.Exists(dll), $"Host not built at {dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("KuaSheng", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["KuaSheng__DataDir"] = dataDirectory ?? Path.Combine(_folder.Path, "data");
        start.Environment["KuaSheng__Cluster__Port"] = AkkaPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int HttpPort { get; }
    public int AkkaPort { get; }
    public string BaseUrl => $"http://127.0.0.1:{HttpPort}";
    public string AkkaAddress => $"akka.tcp://kuasheng@127.0.0.1:{AkkaPort}";
    public bool HasExited => _process.HasExited;

    public string Output { get { lock (_lock) return _output.ToString(); } }

    public string Tail(int characters = 4000)
    {
        var text = Output;
        return text.Length <= characters ? text : text[^characters..];
    }

    public async Task WaitReadyAsync()
    {
        var (status, body) = await Http.WaitReadyAsync(BaseUrl, TimeSpan.FromSeconds(60), () => _process.HasExited);
        Assert.True(status == System.Net.HttpStatusCode.OK, $"child not ready within 60 s: {status} {body}\n{Tail()}");
    }

    /// <summary>SIGTERM, as systemd and Kubernetes stop a service.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>SIGSTOP: the process freezes (as in a long GC pause or a VM that stalls) until <see cref="Continue"/>.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT: a paused process runs on.</summary>
    public void Continue() => Signal("CONT");

    private void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>SIGKILL (kill -9): no shutdown of any kind.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>The exit code, or null when the process is still running after <paramref name="within"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { return null; }
        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    /// <summary>Runs a production node with <paramref name="settings"/> (on top of an unreachable database and an
    /// identity provider) that must refuse to start: asserts exit code 1 within 30 s and returns what it printed.</summary>
    public static async Task<string> RefusedProductionStart(IDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["KUASHENG_CONFIG"] = "production",
            ["KuaSheng__ConnectionString"] = $"Host=127.0.0.1;Port={FreePort.Next()};Database=nowhere;Username=kuasheng;Timeout=2",
            ["KuaSheng__Auth__Oidc__Authority"] = "https://idp.example.gov.cn/realms/cq",
            ["KuaSheng__Auth__Oidc__Audience"] = "kuasheng",
        };
        foreach (var (key, value) in settings) environment[key] = value;
        using var node = new ChildNode(environment);
        var exitCode = await node.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 1, $"exit code {exitCode?.ToString() ?? "none: still running after 30 s"}\n{node.Tail()}");
        return node.Output;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        KeepLog();
        _process.Dispose();
        _folder.Dispose();
    }

    /// <summary>With KUASHENG_TEST_NODE_LOGS set to a folder, each child's whole output is kept there (to read a fault
    /// test's timeline afterwards).</summary>
    private void KeepLog()
    {
        var folder = Environment.GetEnvironmentVariable("KUASHENG_TEST_NODE_LOGS");
        if (string.IsNullOrEmpty(folder)) return;
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"node-{HttpPort}-{_process.Id}.log"), Output);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_lock) _output.AppendLine(line);
    }
}
