using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using KuaSheng.Actors.Time;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Json;
using KuaSheng.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

// One node per test collection, and Akka.Logger.Serilog writes through Serilog's static logger: no parallel nodes.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace KuaSheng.Api.Tests;

/// <summary>A real node (the Host's composition root) serving HTTP on a loopback port, on a temp data folder.</summary>
public sealed class ApiNode : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-api-test-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => _app!.Services;
    public AdjustableClock Clock => Services.GetRequiredService<AdjustableClock>();
    public string DataDir => _dir;

    public async Task InitializeAsync() => await StartAsync();

    public async Task StartAsync(params string[] extraArgs)
    {
        var http = FreePort();
        BaseUrl = $"http://127.0.0.1:{http}";
        _app = KuaShengNode.Build([
            $"--urls={BaseUrl}",
            $"--KuaSheng:DataDir={_dir}",
            $"--KuaSheng:Cluster:Port={FreePort()}",
            "--KuaSheng:DeadlineCheckInterval=00:00:00.250",
            "--KuaSheng:RedeliveryInterval=00:00:00.500",
            "--KuaSheng:Logging:Level=Warning",
            .. extraArgs,
        ], TextWriter.Null);
        await _app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while ((await TryGet(client, "/readyz")) != HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The node did not become ready.");
            await Task.Delay(200);
        }
    }

    /// <summary>Stops the node, keeping its data folder (for restart tests).</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    public string Token(string role, string? unit = null, params string[] units) =>
        Services.GetRequiredService<TokenIssuer>().Issue(role, $"{role}-test", unit, units);

    public ApiClient Client(string? role = null, string? unit = null, params string[] units) =>
        new(new Uri(BaseUrl), role is null ? null : Token(role, unit, units));

    private static async Task<HttpStatusCode?> TryGet(HttpClient client, string path)
    {
        try { return (await client.GetAsync(path)).StatusCode; }
        catch (HttpRequestException) { return null; }
    }

    /// <summary>A loopback port free now and not handed out before (<see cref="KuaSheng.Testing.LoopbackPorts"/>).</summary>
    public static int FreePort() => KuaSheng.Testing.LoopbackPorts.Next();
}

/// <summary>HTTP calls as an integration would make them, returning status and parsed JSON. Every answer is checked
/// against the node's OpenAPI document unless <paramref name="checkContract"/> is false: a bare middleware host serves no
/// document, and the cache of documents is by address, which a later host may reuse (an ephemeral port freed by a node).</summary>
public sealed class ApiClient(Uri baseAddress, string? token, bool checkContract = true) : IDisposable
{
    private readonly HttpClient _http = Create(baseAddress, token);

    private static HttpClient Create(Uri baseAddress, string? token)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public sealed record Response(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Raw)
    {
        public string? Code => Body?["code"]?.GetValue<string>();
        public string Text(string path) => Navigate(path)?.ToString() ?? throw new KeyNotFoundException(path);
        public JsonNode? Navigate(string path) => path.Split('.').Aggregate(Body, (node, part) =>
            int.TryParse(part, out var i) ? node?[i] : node?[part]);
        public override string ToString() => $"{(int)Status} {Body?.ToJsonString()}";
    }

    public Task<Response> Get(string path) => Send(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<Response> Post(string path, object? body = null, string? idempotencyKey = null) =>
        Send(Request(HttpMethod.Post, path, body, idempotencyKey));

    public Task<Response> Put(string path, object? body = null) => Send(Request(HttpMethod.Put, path, body, null));

    public Task<Response> Delete(string path) => Send(new HttpRequestMessage(HttpMethod.Delete, path));

    /// <summary>A GET whose answer is a file: status, content type and the bytes as sent.</summary>
    public async Task<(HttpStatusCode Status, string? ContentType, byte[] Bytes)> GetBytes(string path)
    {
        using var response = await _http.GetAsync(path);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsByteArrayAsync());
    }

    public Task<Response> PostRaw(string path, string content, string contentType = "application/json", string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (idempotencyKey is not null) request.Headers.Add(KuaSheng.Domain.ApiHeaders.IdempotencyKey, idempotencyKey);
        // A large body waits for the server's go-ahead, so that a refusal (413) is read instead of a broken pipe while sending.
        if (content.Length > 65_536) request.Headers.ExpectContinue = true;
        return Send(request);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, object? body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: ApiJson.Options);
        if (idempotencyKey is not null) request.Headers.Add(KuaSheng.Domain.ApiHeaders.IdempotencyKey, idempotencyKey);
        return request;
    }

    private async Task<Response> Send(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // Every answer is checked against the node's OpenAPI document (status listed, body of the documented shape).
        var contract = checkContract ? await OpenApiContract.For(_http.BaseAddress!) : null;
        var drift = contract?.Check(request.Method, request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString,
            (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
        if (drift is not null)
        {
            if (Environment.GetEnvironmentVariable("KUASHENG_OPENAPI_DRIFT_LOG") is { Length: > 0 } log) File.AppendAllText(log, drift.ReplaceLineEndings(" ") + "\n");
            else throw new OpenApiDriftException(drift);
        }
        JsonNode? body = null;
        if (text.Length > 0)
        {
            try { body = JsonNode.Parse(text); } catch (JsonException) { body = JsonValue.Create(text); }
        }
        return new Response(response.StatusCode, body, response);
    }

    public void Dispose() => _http.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiNode>
{
    public const string Name = "api";
}
