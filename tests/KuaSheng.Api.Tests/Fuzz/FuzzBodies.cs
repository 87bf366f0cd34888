using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace KuaSheng.Api.Tests.Fuzz;

/// <summary>A request body as sent: bytes, content type (null: no header), and what was done to it.</summary>
public sealed record FuzzBody(byte[] Bytes, string? ContentType, string Description)
{
    public static readonly FuzzBody None = new([], null, "no body");
}

/// <summary>Bodies from an operation's request schema (its example, or an instance built from the schema, with values of
/// real seeded entities), then mutated: wrong types, missing required fields, extra fields, nulls, hostile and huge
/// strings, deep nesting, numbers out of range, personal data in every field, duplicate keys, invalid JSON, wrong
/// content types.</summary>
public sealed class FuzzBodies(JsonObject document, FuzzWorld world)
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 256 };

    private enum Mutation
    {
        None, WrongType, RemoveProperty, ExtraField, Null, HostileString, ValidValueElsewhere, NumberOutOfRange, DeepNesting,
        PersonalDataEverywhere, DuplicateKey, InvalidJson, RootNotObject,
    }

    private static readonly Gen<Mutation> Mutations = Gen.Frequency(
        (14, Gen.Const(Mutation.None)), (10, Gen.Const(Mutation.WrongType)), (10, Gen.Const(Mutation.RemoveProperty)),
        (8, Gen.Const(Mutation.ExtraField)), (8, Gen.Const(Mutation.Null)), (16, Gen.Const(Mutation.HostileString)),
        (6, Gen.Const(Mutation.ValidValueElsewhere)), (6, Gen.Const(Mutation.NumberOutOfRange)), (3, Gen.Const(Mutation.DeepNesting)),
        (6, Gen.Const(Mutation.PersonalDataEverywhere)), (3, Gen.Const(Mutation.DuplicateKey)), (8, Gen.Const(Mutation.InvalidJson)),
        (2, Gen.Const(Mutation.RootNotObject)));

    private static readonly Gen<string?> ContentTypes = Gen.Frequency(
        (80, Gen.Const<string?>("application/json")),
        (4, Gen.Const<string?>("application/json; charset=utf-8")),
        (16, Gen.OneOf<string?>(null, "text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x",
            "application/json; charset=utf-16", "application/problem+json", "application/merge-patch+json", "*/*", "application/json; charset=ebcdic",
            "json", "application/jsonp", "text/json")));

    private static readonly JsonNode?[] WrongTypes =
        [JsonValue.Create(123), JsonValue.Create(-1), JsonValue.Create(true), new JsonArray(), new JsonObject(), JsonValue.Create("text"),
         JsonValue.Create(1.5e300), new JsonArray(JsonValue.Create("a"), JsonValue.Create(1)), new JsonObject { ["nested"] = new JsonObject() }];

    private static readonly JsonNode?[] OutOfRange =
        [JsonValue.Create(2147483648L), JsonValue.Create(-2147483649L), JsonValue.Create(9223372036854775807L), JsonValue.Create(79228162514264337593543950335m),
         JsonValue.Create(1e308), JsonValue.Create(-1e308), JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(1.5), JsonValue.Create(1e-300), JsonValue.Create(100000)];

    private static readonly string[] ExtraNames = ["extra", "__proto__", "$type", "$ref", "isAdmin", "role", "unit", "units", "caseId", "status", "version", "id", "", "a.b", "😀"];

    private static readonly string[] InvalidJson =
    [
        "", " ", "{", "}", "[", "{\"a\":", "{\"a\":1,}", "{'a':'b'}", "{a:1}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":01}", "{\"a\":1}{\"b\":2}",
        "{\"a\":1} trailing", "// comment\n{}", "/* c */{}", "{\"a\":\"\u0001\"}", "\"just a string\"", "12", "true", "null", "[]", "[{}]",
        "<xml/>", "itemCode=1-1&mode=proxy", "\u0000", "{\"a\":\"\\x41\"}", "{\"a\":\"\\uD800\"}", "{\"a\":\"\\u12\"}", "{\"a\":1e99999}",
        "{\"a\":-}", "{\"\":{\"\":{\"\":[]}}}",
    ];

    private readonly JsonObject _schemas = document["components"]?["schemas"]?.AsObject() ?? [];

    /// <summary>A body for this operation; for one without a request body, usually none.</summary>
    public Gen<FuzzBody> For(FuzzOperation op)
    {
        if (op.BodySchema is null)
            return Gen.Frequency((85, Gen.Const(FuzzBody.None)), (15, Mutated(Gen.Const<JsonNode?>(new JsonObject { ["unexpected"] = "body" }))));
        var fromExample = op.BodyExample is { } example ? Gen.Const(0).Select(_ => example.DeepClone()) : null;
        var fromSchema = Instance(op.BodySchema, "", 0);
        var valid = fromExample is null ? fromSchema : Gen.Frequency((1, fromExample), (1, fromSchema));
        return Gen.Frequency((96, Mutated(valid)), (4, Gen.Const(FuzzBody.None)));
    }

    private Gen<FuzzBody> Mutated(Gen<JsonNode?> valid) =>
        from node in valid
        from mutation in Mutations
        from pick in Gen.Int[0, 1_000_000]
        from hostile in HostileStrings.Any(world)
        from raw in Gen.OneOf(InvalidJson)
        from contentType in ContentTypes
        select Apply(node, mutation, pick, hostile, raw, contentType);

    private FuzzBody Apply(JsonNode? root, Mutation mutation, int pick, string hostile, string raw, string? contentType)
    {
        root = root?.DeepClone();
        var strings = new List<string>();
        JsonNode? Str(string s) { strings.Add(s); return JsonValue.Create($"\u0001S{strings.Count - 1}\u0001"); }
        var nodes = Nodes(root).ToList();
        var (parent, key, index, node) = nodes[pick % nodes.Count];
        void Replace(JsonNode? value)
        {
            if (parent is JsonObject o) o[key!] = value;
            else if (parent is JsonArray a) a[index] = value;
            else root = value;
        }
        var detail = mutation.ToString();
        var deep = false;
        var duplicate = false;
        switch (mutation)
        {
            case Mutation.WrongType:
                Replace(WrongTypes[pick % WrongTypes.Length]?.DeepClone());
                detail += $" at {Where(key, index)}";
                break;
            case Mutation.RemoveProperty:
                var props = nodes.Where(n => n.Parent is JsonObject).ToList();
                if (props.Count > 0) { var p = props[pick % props.Count]; ((JsonObject)p.Parent!).Remove(p.Key!); detail += $" {p.Key}"; }
                break;
            case Mutation.ExtraField:
                var objects = nodes.Where(n => n.Node is JsonObject).ToList();
                if (objects.Count > 0) ((JsonObject)objects[pick % objects.Count].Node!)[ExtraNames[pick % ExtraNames.Length]] = Str(hostile);
                break;
            case Mutation.Null:
                Replace(null);
                detail += $" at {Where(key, index)}";
                break;
            case Mutation.HostileString:
                var leaves = nodes.Where(n => n.Node is JsonValue).ToList();
                if (leaves.Count > 0) (parent, key, index, node) = leaves[pick % leaves.Count];
                Replace(Str(hostile));
                detail += $" ({hostile.Length} chars) at {Where(key, index)}";
                break;
            case Mutation.ValidValueElsewhere:
                Replace(Str(world.AllValid[pick % world.AllValid.Length]));
                break;
            case Mutation.NumberOutOfRange:
                Replace(OutOfRange[pick % OutOfRange.Length]?.DeepClone());
                detail += $" at {Where(key, index)}";
                break;
            case Mutation.DeepNesting:
                Replace(JsonValue.Create("\u0001DEEP\u0001"));
                deep = true;
                break;
            case Mutation.PersonalDataEverywhere:
                foreach (var leaf in nodes.Where(n => n.Node is JsonValue v && v.GetValueKind() == JsonValueKind.String).ToList())
                {
                    var value = Str(world.PersonalData[(pick + leaf.Index + (leaf.Key?.Length ?? 0)) % world.PersonalData.Count]);
                    if (leaf.Parent is JsonObject o) o[leaf.Key!] = value;
                    else if (leaf.Parent is JsonArray a) a[leaf.Index] = value;
                }
                break;
            case Mutation.DuplicateKey:
                duplicate = root is JsonObject { Count: > 0 };
                break;
            case Mutation.RootNotObject:
                root = WrongTypes[pick % WrongTypes.Length]?.DeepClone();
                break;
        }
        if (mutation == Mutation.InvalidJson)
        {
            // Now and then bytes that are not UTF-8 at all.
            var bytes = pick % 5 == 0 ? [0xEF, 0xBB, 0xBF, (byte)'{', 0xC3, 0x28, 0xFF, (byte)'}'] : Encoding.UTF8.GetBytes(raw);
            return new FuzzBody(bytes, contentType, $"invalid JSON {Show(raw)}");
        }

        var text = root is null ? "null" : root.ToJsonString(Relaxed);
        for (var i = 0; i < strings.Count; i++) text = text.Replace($"\"\\u0001S{i}\\u0001\"", Literal(strings[i]), StringComparison.Ordinal);
        if (deep) text = text.Replace("\"\\u0001DEEP\\u0001\"", new string('[', 5000) + new string(']', 5000), StringComparison.Ordinal);
        if (duplicate)
        {
            var comma = text.IndexOf(',', StringComparison.Ordinal);
            text = "{" + text[1..(comma > 0 ? comma : text.Length - 1)] + "," + text[1..];
        }
        return new FuzzBody(Encoding.UTF8.GetBytes(text), contentType, detail);
    }

    private static string Where(string? key, int index) => key ?? (index >= 0 ? $"[{index}]" : "root");

    private static string Show(string s) => s.Length > 40 ? s[..40] + "..." : s;

    /// <summary>Every node with where it sits (the root first: no parent).</summary>
    private static IEnumerable<(JsonNode? Parent, string? Key, int Index, JsonNode? Node)> Nodes(JsonNode? root)
    {
        var stack = new Stack<(JsonNode?, string?, int, JsonNode?)>();
        stack.Push((null, null, -1, root));
        while (stack.Count > 0)
        {
            var item = stack.Pop();
            yield return item;
            switch (item.Item4)
            {
                case JsonObject o:
                    foreach (var (k, v) in o.ToList()) stack.Push((o, k, -1, v));
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++) stack.Push((a, null, i, a[i]));
                    break;
            }
        }
    }

    /// <summary>A JSON string literal for any UTF-16, lone surrogates escaped (so that they reach the server's parser).</summary>
    public static string Literal(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '"') sb.Append("\\\"");
            else if (c == '\\') sb.Append("\\\\");
            else if (c < ' ') sb.Append($"\\u{(int)c:x4}");
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) sb.Append(c).Append(s[++i]);
            else if (char.IsSurrogate(c)) sb.Append($"\\u{(int)c:x4}");
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }

    /// <summary>A value the schema accepts, strings preferring real values of the same name (itemCode, unitId...).</summary>
    private Gen<JsonNode?> Instance(JsonObject schema, string name, int depth)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference) return Instance(FuzzOperations.Pointer(document, reference), name, depth);
        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray oneOf)
        {
            var alternatives = oneOf.OfType<JsonObject>().Where(s => s["type"]?.ToString() != "null").ToList();
            return alternatives.Count == 0 ? Gen.Const(() => (JsonNode?)null) : Gen.OneOf(alternatives.Select(a => Instance(a, name, depth)).ToArray());
        }
        if (schema["enum"] is JsonArray values) return Gen.OneOf(values.Select(v => v?.DeepClone()).ToArray());
        var types = schema["type"] switch
        {
            JsonArray a => a.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList(),
            JsonValue v => [v.GetValue<string>()],
            _ => schema["properties"] is not null ? ["object"] : ["string"],
        };
        var type = types.Count == 0 ? "null" : types.Contains("integer") ? "integer" : types[0];
        if (depth > 6) return Gen.Const(() => (JsonNode?)null);
        switch (type)
        {
            case "object":
                if (schema["properties"] is JsonObject properties)
                {
                    var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
                    var fields = properties.Select(p => (p.Key, Required: required.Contains(p.Key), Gen: Instance(p.Value!.AsObject(), p.Key, depth + 1))).ToList();
                    return fields.Aggregate(Gen.Const(ImmutableFields.Empty), (acc, f) =>
                            from list in acc
                            from include in f.Required ? Gen.Const(true) : Gen.Int[0, 2].Select(i => i > 0)
                            from value in f.Gen
                            select include ? list.Add(f.Key, value) : list)
                        .Select(list => (JsonNode?)list.ToObject());
                }
                if (schema["additionalProperties"] is JsonObject additional)
                    return (from n in Gen.Int[0, 3] from v in Instance(additional, name, depth + 1) select (n, v))
                        .Select(t => (JsonNode?)new JsonObject(Enumerable.Range(1, t.n).Select(i =>
                            KeyValuePair.Create($"2026-10-0{i}", t.v?.DeepClone()))));
                return Gen.Const<JsonNode?>(new JsonObject());
            case "array":
                var items = schema["items"] as JsonObject ?? new JsonObject { ["type"] = "string" };
                return Instance(items, name, depth + 1).Array[0, 3].Select(a => (JsonNode?)new JsonArray(a.Select(x => x?.DeepClone()).ToArray()));
            case "integer":
                return Gen.Int[0, 30].Select(i => (JsonNode?)JsonValue.Create(i));
            case "number":
                return Gen.Double[0, 100].Select(d => (JsonNode?)JsonValue.Create(d));
            case "boolean":
                return Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b));
            default:
                var format = schema["format"]?.GetValue<string>();
                if (format == "date-time") return Gen.OneOf<JsonNode?>("2026-10-12T09:30:00+08:00", "2026-12-01T15:30:00+08:00");
                if (format == "date") return Gen.OneOf<JsonNode?>("2026-10-12", "2026-10-01");
                return Gen.OneOf(world.Valid(name).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }
    }

    /// <summary>An object's fields while they are generated (JsonNodes have one parent: build at the end).</summary>
    private sealed record ImmutableFields(IReadOnlyList<(string Key, JsonNode? Value)> Fields)
    {
        public static readonly ImmutableFields Empty = new([]);
        public ImmutableFields Add(string key, JsonNode? value) => new([.. Fields, (key, value)]);
        public JsonObject ToObject() => new(Fields.Select(f => KeyValuePair.Create(f.Key, f.Value?.DeepClone())));
    }
}
