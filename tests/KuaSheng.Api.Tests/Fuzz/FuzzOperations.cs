using System.Text.Json.Nodes;

namespace KuaSheng.Api.Tests.Fuzz;

/// <summary>A parameter of an operation as the OpenAPI document states it.</summary>
public sealed record FuzzParameter(string Name, string In, bool Required, JsonObject? Schema);

/// <summary>One operation of the served OpenAPI document: what the fuzzer knows of an endpoint, and all it knows.</summary>
public sealed record FuzzOperation(string Method, string PathTemplate, string OperationId, IReadOnlyList<FuzzParameter> Parameters,
    JsonObject? BodySchema, JsonNode? BodyExample, bool BodyRequired, bool Anonymous)
{
    public string Key => $"{Method} {PathTemplate}";

    public IEnumerable<FuzzParameter> In(string location) => Parameters.Where(p => p.In == location);
}

/// <summary>Reads the operations of the node's <c>/openapi/v1.json</c>; the endpoint list is never written in the test.</summary>
public static class FuzzOperations
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public static IReadOnlyList<FuzzOperation> Read(JsonObject document)
    {
        var operations = new List<FuzzOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            var shared = item!["parameters"]?.AsArray() ?? [];
            foreach (var method in Methods)
            {
                if (item[method] is not JsonObject op) continue;
                var parameters = shared.Concat(op["parameters"]?.AsArray() ?? [])
                    .Select(p => Resolve(document, p!.AsObject()))
                    .Select(p => new FuzzParameter(p["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(),
                        p["required"]?.GetValue<bool>() ?? false, p["schema"] as JsonObject))
                    .ToList();
                var json = op["requestBody"]?["content"]?.AsObject().FirstOrDefault(c => c.Key.Contains("json", StringComparison.Ordinal)).Value;
                var security = op["security"]?.AsArray() ?? document["security"]?.AsArray();
                // "security": [{}] (or none at all) is an endpoint without a token.
                var anonymous = security is null || security.All(s => s is JsonObject o && o.Count == 0);
                operations.Add(new FuzzOperation(method.ToUpperInvariant(), path, op["operationId"]?.GetValue<string>() ?? $"{method} {path}",
                    parameters, json?["schema"] as JsonObject, json?["example"]?.DeepClone(),
                    op["requestBody"]?["required"]?.GetValue<bool>() ?? false, anonymous));
            }
        }
        return operations;
    }

    private static JsonObject Resolve(JsonObject document, JsonObject node) =>
        node["$ref"]?.GetValue<string>() is { } reference ? Pointer(document, reference) : node;

    /// <summary>A local <c>#/...</c> reference.</summary>
    public static JsonObject Pointer(JsonObject document, string reference) =>
        reference.TrimStart('#', '/').Split('/').Aggregate((JsonNode)document, (node, part) => node[part.Replace("~1", "/").Replace("~0", "~")]!).AsObject();
}
