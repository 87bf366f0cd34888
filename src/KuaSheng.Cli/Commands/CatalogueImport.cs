using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KuaSheng.Domain.Catalogue;

namespace KuaSheng.Cli.Commands;

/// <summary>
/// <c>ksctl catalogue import FILE</c> (operator): FILE is a JSON array of items as <c>POST /api/v1/catalogue/items</c>
/// takes them, or what <c>ksctl --json catalogue list</c> prints (<c>{"items": [...]}</c>), so an export goes back in.
/// The whole file is checked first (JSON, an object per item, a code each and no code twice, known fields of the right
/// kind); if anything is wrong nothing is sent. Then the items go one by one in file order against the node's current
/// catalogue: a code it does not have is added (POST), an item that differs in a field the file gives is revised (PUT
/// with just those fields: fields left out keep their values), an identical one is left alone, so running a file
/// twice changes nothing the second time. A refused item is reported with the problem's code and the others still go.
/// Every request carries an <c>Idempotency-Key</c> made from its content, so a POST retried after a lost answer is
/// not applied twice (the node honours the key on POSTs; a PUT's key includes the version it revises).
/// </summary>
public static class CatalogueImport
{
    private const string Path = "/api/v1/catalogue/items";

    private enum Kind { Text, Number, Flag, Texts, Routing }

    /// <summary>The fields of the API's item body besides <c>code</c>, and what each holds.</summary>
    private static readonly Dictionary<string, Kind> Fields = new(StringComparer.Ordinal)
    {
        ["batch"] = Kind.Number, ["seq"] = Kind.Number, ["name"] = Kind.Text, ["scenario"] = Kind.Text, ["cityLead"] = Kind.Text,
        ["cityCooperating"] = Kind.Texts, ["districtUnits"] = Kind.Texts, ["notes"] = Kind.Texts, ["deadlineText"] = Kind.Text,
        ["modes"] = Kind.Texts, ["requiresOriginals"] = Kind.Flag, ["promisedDays"] = Kind.Number, ["routing"] = Kind.Routing,
    };

    /// <summary>Fields of an exported item that the body does not take: the node sets them (retire with DELETE).</summary>
    private static readonly HashSet<string> NodeSets = new(StringComparer.Ordinal) { "version", "status" };

    /// <summary>An exported item's <c>districtUnitNames</c> are what the node keeps for <c>districtUnits</c> (which it
    /// shows as unit ids), so they are what is sent as <c>districtUnits</c>.</summary>
    private const string ExportedNames = "districtUnitNames";


    private sealed record Entry(string Code, JsonObject Body);

    private sealed record Outcome(string Code, string Result, int? Version = null, string? Problem = null, string? Detail = null);

    public static Command Build(GlobalOptions options)
    {
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "A JSON array of items as POST /api/v1/catalogue/items takes them, or the output of `ksctl --json catalogue list`",
        }.AcceptExistingOnly();
        var import = new Command("import",
            "Add new items, revise changed ones, leave identical ones (operator); the file is checked whole first, then sent item by item") { file };
        options.Run(import, async (session, parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var entries = Parse(path, JsonFile.Read(path));
            var current = (await session.Node.Get(Path, ct)).Body["items"] as JsonArray ?? [];
            var byCode = current.OfType<JsonObject>().Where(i => Session.Cell(i["code"]).Length > 0)
                .ToDictionary(i => Session.Cell(i["code"]), StringComparer.Ordinal);
            var outcomes = new List<Outcome>();
            foreach (var entry in entries)
            {
                if (outcomes.Count > 0 && outcomes[^1].Result == "failed" && outcomes[^1].Problem == "unreachable")
                {
                    outcomes.Add(new Outcome(entry.Code, "not-sent"));
                    continue;
                }
                outcomes.Add(await Apply(session.Node, entry, byCode.GetValueOrDefault(entry.Code), ct));
            }
            return Report(session, outcomes);
        });
        return import;
    }

    /// <summary>The file's items, checked whole: any problem is one line and nothing is sent.</summary>
    private static List<Entry> Parse(FileInfo file, JsonNode root)
    {
        var items = root switch
        {
            JsonArray a => a,
            JsonObject o when o["items"] is JsonArray a => a, // what `ksctl --json catalogue list` prints
            _ => throw JsonFile.Invalid(file, "expected a JSON array of catalogue items (or {\"items\": [...]} as `ksctl --json catalogue list` prints)"),
        };
        var entries = new List<Entry>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 1; n <= items.Count; n++)
        {
            if (items[n - 1] is not JsonObject item) throw JsonFile.Invalid(file, $"item {n} is not an object");
            if (Text(item["code"])?.Trim() is not { Length: > 0 } code) throw JsonFile.Invalid(file, $"item {n} has no code");
            var at = $"item {n} ({code})";
            if (!seen.TryAdd(code, n)) throw JsonFile.Invalid(file, $"{at}: the code {code} is item {seen[code]} already");
            var body = new JsonObject();
            foreach (var (name, value) in item)
            {
                if (name == "code" || value is null || NodeSets.Contains(name)) continue; // null: left out, as the API reads it
                var field = name == ExportedNames ? "districtUnits" : name;
                if (!Fields.TryGetValue(field, out var kind))
                    throw JsonFile.Invalid(file, $"{at}: unknown field \"{name}\" (known: code, {string.Join(", ", Fields.Keys)})");
                if (!Fits(value, kind)) throw JsonFile.Invalid(file, $"{at}: {name} is {Expected(kind)}");
                if (name == "districtUnits" && item[ExportedNames] is not null) continue; // an export: its names win
                body[field] = value.DeepClone();
            }
            entries.Add(new Entry(code, body));
        }
        return entries;
    }

    /// <summary>One item against the node's current version of it (null: the node does not have it).</summary>
    private static async Task<Outcome> Apply(NodeClient node, Entry entry, JsonObject? current, CancellationToken ct)
    {
        HttpMethod method;
        string path;
        JsonObject body;
        if (current is null)
        {
            (method, path) = (HttpMethod.Post, Path);
            body = new JsonObject { ["code"] = entry.Code };
            foreach (var (name, value) in entry.Body) body[name] = value!.DeepClone();
        }
        else
        {
            var differing = entry.Body.Where(f => !Same(f.Key, f.Value!, current)).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
            if (differing.Count == 0) return new Outcome(entry.Code, "unchanged", Int(current["version"]));
            // The node would derive these again when the fields they depend on change without them, so a revision
            // sends them along when the file gives them.
            foreach (var (field, dependsOn) in CatalogueRevision.Derived)
                if (entry.Body.ContainsKey(field) && dependsOn.Any(differing.Contains)) differing.Add(field);
            (method, path) = (HttpMethod.Put, $"{Path}/{Uri.EscapeDataString(entry.Code)}");
            body = new JsonObject(entry.Body.Where(f => differing.Contains(f.Key)).Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value!.DeepClone())));
        }
        NodeClient.Answer answer;
        try
        {
            answer = await node.Exchange(method, path, body, Key(method, path, Int(current?["version"]), body), ct);
        }
        catch (CliFailure unreachable)
        {
            return new Outcome(entry.Code, "failed", Problem: "unreachable", Detail: NodeClient.OneLine(unreachable.Message));
        }
        if (!answer.Succeeded) return new Outcome(entry.Code, "failed", Problem: answer.ProblemCode, Detail: NodeClient.Describe(answer, path));
        return new Outcome(entry.Code, current is null ? "added" : "revised", Int(answer.Json?["version"]));
    }

    /// <summary>The same request (method, path, the version it revises, body) gets the same key, in every run.</summary>
    private static string Key(HttpMethod method, string path, int? revises, JsonObject body)
    {
        var content = $"{method.Method}\n{path}\n{revises}\n{body.ToJsonString(CliJson.Options)}";
        return "ksctl-catalogue-import-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    private static int Report(Session session, List<Outcome> outcomes)
    {
        int Count(string result) => outcomes.Count(o => o.Result == result);
        var (added, revised, unchanged, failed, notSent) = (Count("added"), Count("revised"), Count("unchanged"), Count("failed"), Count("not-sent"));
        if (session.Json)
        {
            var items = new JsonArray(outcomes.Select(o => (JsonNode)new JsonObject
            {
                ["code"] = o.Code, ["result"] = o.Result, ["version"] = o.Version, ["problem"] = o.Problem, ["detail"] = o.Detail,
            }).ToArray());
            session.WriteJson(new JsonObject
            {
                ["items"] = items, ["added"] = added, ["revised"] = revised, ["unchanged"] = unchanged, ["failed"] = failed, ["notSent"] = notSent,
            });
        }
        else
        {
            var table = Session.Table("code", "result", "version", "problem");
            foreach (var o in outcomes) Session.Row(table, o.Code, o.Result, o.Version, o.Detail);
            session.Write(table);
            var summary = $"{added} added, {revised} revised, {unchanged} unchanged, {failed} failed of {outcomes.Count} item(s)";
            if (failed > 0) summary += "; each item is sent on its own: a failed one did not stop the others";
            if (notSent > 0) summary += $"; {notSent} not sent once the node could not be reached (run the file again)";
            session.Line(summary);
        }
        return failed + notSent == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>Whether the file's value of a field is what the node has, read as the API reads a body (text trimmed,
    /// empty list entries dropped, a leg's order 1 and onlyWhenHomeIsLocal false unless given).</summary>
    private static bool Same(string field, JsonNode given, JsonObject current) => field switch
    {
        "districtUnits" => Texts(given, distinct: true).SequenceEqual(Texts(current["districtUnitNames"], distinct: true))
                           || Texts(given, distinct: true).SequenceEqual(Texts(current["districtUnits"], distinct: true)),
        "modes" => Texts(given, distinct: true, lower: true).SequenceEqual(Texts(current[field], distinct: true, lower: true)),
        "cityCooperating" or "notes" => Texts(given).SequenceEqual(Texts(current[field])),
        "routing" => Legs(given) == Legs(current[field]),
        _ when Fields[field] == Kind.Text => Blank(Text(given)) == Blank(Text(current[field])),
        _ => given.ToJsonString() == current[field]?.ToJsonString(),
    };

    private static string Legs(JsonNode? routing) => new JsonArray((routing?["legs"] as JsonArray ?? []).Select(l => (JsonNode)new JsonObject
    {
        ["role"] = Text(l?["role"])?.ToLowerInvariant(),
        ["order"] = Int(l?["order"]) ?? 1,
        ["selector"] = Text(l?["selector"])?.ToLowerInvariant(),
        ["candidates"] = new JsonArray(Texts(l?["candidates"], distinct: true).Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
        ["onlyWhenHomeIsLocal"] = l?["onlyWhenHomeIsLocal"] is JsonValue v && v.TryGetValue<bool>(out var local) && local,
    }).ToArray()).ToJsonString();

    private static IEnumerable<string> Texts(JsonNode? list, bool distinct = false, bool lower = false)
    {
        var texts = (list as JsonArray ?? []).Select(t => Text(t)?.Trim() ?? "").Where(t => t.Length > 0).Select(t => lower ? t.ToLowerInvariant() : t);
        return distinct ? texts.Distinct(StringComparer.Ordinal) : texts;
    }

    private static bool Fits(JsonNode value, Kind kind) => kind switch
    {
        Kind.Text => Text(value) is not null,
        Kind.Number => Int(value) is not null,
        Kind.Flag => value is JsonValue v && v.TryGetValue<bool>(out _),
        Kind.Texts => value is JsonArray a && a.All(t => Text(t) is not null),
        _ => value is JsonObject,
    };

    private static string Expected(Kind kind) => kind switch
    {
        Kind.Text => "text",
        Kind.Number => "a whole number",
        Kind.Flag => "true or false",
        Kind.Texts => "a list of texts",
        _ => "an object ({\"legs\": [...]})",
    };

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
