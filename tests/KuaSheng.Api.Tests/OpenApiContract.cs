using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace KuaSheng.Api.Tests;

/// <summary>The node's own OpenAPI document (<c>/openapi/v1.json</c>) as a check on every answer the test client
/// receives: the status is listed for the operation, and a JSON body matches the schema of its media type (JSON Schema
/// 2020-12 through JsonSchema.Net; the document's component schemas become <c>$defs</c>). A drift fails the test.</summary>
public sealed class OpenApiContract
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<OpenApiContract?>>> ByNode = new();
    private static int _built;

    private readonly JsonObject _paths;
    private readonly JsonNode _defs;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    /// <summary>A contract from a document at hand (tests of the check itself).</summary>
    public static OpenApiContract FromDocument(JsonObject document) => new(document);

    private OpenApiContract(JsonObject document)
    {
        _paths = document["paths"]!.AsObject();
        _defs = document["components"]?["schemas"]?.DeepClone() ?? new JsonObject();
    }

    /// <summary>The document of the node at this address, or null for a test host that serves none (bare middleware hosts).</summary>
    public static Task<OpenApiContract?> For(Uri node) => ByNode.GetOrAdd(node.GetLeftPart(UriPartial.Authority), key =>
        new Lazy<Task<OpenApiContract?>>(async () =>
        {
            using var http = new HttpClient { BaseAddress = new Uri(key) };
            using var answer = await http.GetAsync("/openapi/v1.json");
            if (answer.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
            answer.EnsureSuccessStatusCode();
            return new OpenApiContract(JsonNode.Parse(await answer.Content.ReadAsStringAsync())!.AsObject());
        })).Value;

    /// <summary>What in the answer the document does not say, or null when it agrees (or the path is not an API operation).</summary>
    public string? Check(HttpMethod method, string pathAndQuery, int status, string? mediaType, string text)
    {
        var path = pathAndQuery.Split('?')[0];
        if (!path.StartsWith("/api/", StringComparison.Ordinal)) return null;
        var template = Match(path);
        var operation = template is null ? null : _paths[template]![method.Method.ToLowerInvariant()];
        var call = $"{method} {path} -> {status}";
        if (operation is null)
            return status is 404 or 405 ? null : $"{call}: the document has no operation {method} {template ?? path}";
        var responses = operation["responses"]!.AsObject();
        var response = responses[status.ToString()] ?? responses[$"{status / 100}XX"] ?? responses["default"];
        if (response is null) return $"{call}: status {status} is not listed for {method} {template} (listed: {string.Join(", ", responses.Select(r => r.Key))})";
        if (text.Length == 0 || mediaType is null || !mediaType.Contains("json", StringComparison.Ordinal)) return null;
        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0) return $"{call}: a {mediaType} body, but the document lists no content for {status}";
        var media = content.FirstOrDefault(c => c.Key.Split(';')[0].Trim() == mediaType).Value;
        if (media is null) return $"{call}: media type {mediaType} is not listed for {status} (listed: {string.Join(", ", content.Select(c => c.Key))})";
        if (media["schema"] is not { } schemaNode) return null;

        var schema = _schemas.GetOrAdd($"{method} {template} {status} {mediaType}", _ => Build(schemaNode));
        using var body = JsonDocument.Parse(text);
        var result = schema.Evaluate(body.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return null;
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} ({d.EvaluationPath})")).Take(8);
        return $"{call}: the body does not match the documented schema: {string.Join("; ", errors)}\n{text[..Math.Min(text.Length, 1500)]}";
    }

    private JsonSchema Build(JsonNode schemaNode)
    {
        var root = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["$defs"] = _defs.DeepClone() };
        foreach (var (key, value) in schemaNode.AsObject()) root[key] = value?.DeepClone();
        var text = root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return JsonSchema.FromText(text, options, new Uri($"urn:kuasheng-openapi:{Interlocked.Increment(ref _built)}"));
    }

    /// <summary>The path template matching a request path, literal segments before parameters.</summary>
    private string? Match(string path)
    {
        var parts = path.Trim('/').Split('/');
        string? best = null;
        var bestLiterals = -1;
        foreach (var (template, _) in _paths)
        {
            var segments = template.Trim('/').Split('/');
            if (segments.Length != parts.Length) continue;
            var literals = 0;
            var matches = true;
            for (var i = 0; i < parts.Length && matches; i++)
            {
                if (segments[i].StartsWith('{')) continue;
                if (segments[i] == Uri.UnescapeDataString(parts[i])) literals++;
                else matches = false;
            }
            if (matches && literals > bestLiterals) (best, bestLiterals) = (template, literals);
        }
        return best;
    }
}

/// <summary>An answer that the OpenAPI document does not describe.</summary>
public sealed class OpenApiDriftException(string message) : Exception(message);
