using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KuaSheng.Domain;

namespace KuaSheng.Cli;

/// <summary>The node's HTTP API as ksctl uses it. Every failure becomes a <see cref="CliFailure"/> with one line:
/// the problem's <c>code</c> and <c>detail</c> (RFC 7807), or why the node could not be reached.</summary>
public sealed class NodeClient : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly HttpClient _http;

    public NodeClient(Uri node, string? token, HttpMessageHandler? handler = null)
    {
        Node = node;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = node;
        _http.Timeout = Timeout;
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ksctl", "1"));
        if (!string.IsNullOrWhiteSpace(token)) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
    }

    public Uri Node { get; }

    /// <summary>An answer: its status, its text and, when it is JSON, the parsed body.</summary>
    public sealed record Answer(HttpStatusCode Status, string Text, JsonNode? Json)
    {
        public JsonNode Body => Json ?? throw new CliFailure($"the node answered {(int)Status} without a JSON body");

        public bool Succeeded => (int)Status is >= 200 and < 300;

        /// <summary>The problem's stable <c>code</c> (forbidden, validation-failed...), else <c>http-STATUS</c>.</summary>
        public string ProblemCode => Json is JsonObject p && Str(p["code"]) is { } code ? code : $"http-{(int)Status}";
    }

    public Task<Answer> Get(string path, CancellationToken ct, params HttpStatusCode[] alsoAccept) =>
        Send(new HttpRequestMessage(HttpMethod.Get, path), ct, alsoAccept);

    public Task<Answer> Post(string path, object? body, CancellationToken ct) => Send(WithBody(HttpMethod.Post, path, body), ct, []);

    public Task<Answer> Put(string path, object? body, CancellationToken ct) => Send(WithBody(HttpMethod.Put, path, body), ct, []);

    /// <summary>Whatever the node answers, refusals included (a command that reports a problem per item reads
    /// <see cref="Answer.ProblemCode"/> and <see cref="Describe"/>); only a node that cannot be reached throws.</summary>
    public Task<Answer> Exchange(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken ct)
    {
        var request = WithBody(method, path, body);
        if (idempotencyKey is not null) request.Headers.Add(ApiHeaders.IdempotencyKey, idempotencyKey);
        return Send(request, ct, [], acceptAll: true);
    }

    private static HttpRequestMessage WithBody(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: CliJson.Options);
        return request;
    }

    /// <summary>A file download: the bytes of a successful answer.</summary>
    public async Task<byte[]> GetBytes(string path, CancellationToken ct)
    {
        using var response = await SendRaw(new HttpRequestMessage(HttpMethod.Get, path), ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        if (!response.IsSuccessStatusCode) throw Refusal(response, Encoding.UTF8.GetString(bytes), path);
        return bytes;
    }

    private async Task<Answer> Send(HttpRequestMessage request, CancellationToken ct, HttpStatusCode[] alsoAccept, bool acceptAll = false)
    {
        var path = request.RequestUri?.ToString() ?? "";
        using var response = await SendRaw(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!acceptAll && !response.IsSuccessStatusCode && !alsoAccept.Contains(response.StatusCode)) throw Refusal(response, text, path);
        return new Answer(response.StatusCode, text, TryParse(text));
    }

    private async Task<HttpResponseMessage> SendRaw(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            try
            {
                return await _http.SendAsync(request, ct);
            }
            catch (HttpRequestException e)
            {
                throw new CliFailure($"cannot reach node {Node.GetLeftPart(UriPartial.Authority)}: {OneLine(e.Message)}");
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new CliFailure($"node {Node.GetLeftPart(UriPartial.Authority)} did not answer within {Timeout.TotalSeconds:0} s");
            }
        }
    }

    private static JsonNode? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try { return JsonNode.Parse(text); }
        catch (JsonException) { return null; }
    }

    /// <summary>One line from a refusal: <c>code: detail</c> for problem JSON (with the fields of a validation problem),
    /// else the HTTP status.</summary>
    private static CliFailure Refusal(HttpResponseMessage response, string text, string path) =>
        new(Describe(response.StatusCode, response.ReasonPhrase, TryParse(text), path));

    /// <summary>A refusal in one line, as <see cref="Refusal"/> words it.</summary>
    public static string Describe(Answer answer, string path) => Describe(answer.Status, null, answer.Json, path);

    private static string Describe(HttpStatusCode statusCode, string? reason, JsonNode? json, string path)
    {
        var status = (int)statusCode;
        if (json is JsonObject problem && problem["code"] is JsonValue code)
        {
            var detail = Str(problem["detail"]) ?? Str(problem["title"]) ?? "";
            var fields = problem["errors"] is JsonObject errors
                ? string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", (e.Value as JsonArray ?? []).Select(Str))}"))
                : "";
            if (fields.Length > 0) detail = fields; // the fields say more than "see errors"
            return OneLine($"{code}: {detail} [HTTP {status}]");
        }
        return OneLine($"HTTP {status} {reason ?? statusCode.ToString()} from {path}");
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString();

    public static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    public void Dispose() => _http.Dispose();
}

public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };
}
