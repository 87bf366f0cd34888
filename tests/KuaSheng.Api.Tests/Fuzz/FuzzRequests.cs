using System.Text;
using CsCheck;
using KuaSheng.Domain;

namespace KuaSheng.Api.Tests.Fuzz;

/// <summary>One generated request, as sent.</summary>
public sealed record FuzzRequest(FuzzOperation Operation, string Url, FuzzCaller Caller, IReadOnlyList<KeyValuePair<string, string>> Headers,
    FuzzBody Body, string Parameters)
{
    public bool HasIdempotencyKey => Headers.Any(h => h.Key == ApiHeaders.IdempotencyKey);

    public HttpRequestMessage ToMessage()
    {
        var request = new HttpRequestMessage(new HttpMethod(Operation.Method), Url);
        if (Caller.Token is not null) request.Headers.TryAddWithoutValidation("Authorization", $"{Caller.AuthorizationScheme} {Caller.Token}");
        foreach (var (name, value) in Headers) request.Headers.TryAddWithoutValidation(name, value);
        if (Body.Bytes.Length > 0 || Body.ContentType is not null)
        {
            request.Content = new ByteArrayContent(Body.Bytes);
            if (Body.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", Body.ContentType);
            // A large body waits for the server's go-ahead, so that a refusal (413) is read instead of a broken pipe.
            if (Body.Bytes.Length > 65_536) request.Headers.ExpectContinue = true;
        }
        return request;
    }

    /// <summary>The same request with a fresh Idempotency-Key (if it had one): to run it again, not to replay it.</summary>
    public FuzzRequest WithFreshKey() => !HasIdempotencyKey ? this : this with
    {
        Headers = Headers.Select(h => h.Key == ApiHeaders.IdempotencyKey ? KeyValuePair.Create(h.Key, Guid.NewGuid().ToString()) : h).ToList(),
    };

    public override string ToString()
    {
        var body = Body.Bytes.Length == 0 ? "" : Encoding.UTF8.GetString(Body.Bytes, 0, Math.Min(Body.Bytes.Length, 400));
        var headers = string.Join(", ", Headers.Select(h => $"{h.Key}: {Cut(h.Value, 60)}"));
        return $"{Operation.Method} {Cut(Url, 300)} as {Caller.Label}; headers [{headers}]; {Parameters}; body {Body.Description}, " +
               $"{Body.Bytes.Length} bytes, Content-Type {Body.ContentType ?? "(none)"}: {body}";
    }

    private static string Cut(string s, int n) => s.Length > n ? s[..n] + $"...({s.Length} chars)" : s;
}

/// <summary>Requests for an operation: path parameters (real ids and hostile ones), query parameters (documented ones,
/// undocumented extras, duplicates), the Idempotency-Key header (missing, fresh, reused, huge, odd, twice), a body from
/// <see cref="FuzzBodies"/>, and a caller (no token, a garbage or forged token, each role, wrong units).</summary>
public sealed class FuzzRequests(FuzzWorld world, FuzzBodies bodies)
{
    private static readonly string[] ExtraQueryNames =
        ["page", "pageSize", "overdue", "from", "to", "unitId", "status", "itemCode", "queryCode", "format", "version", "$filter", "__proto__", "a[]"];

    /// <summary>Path segments that are not escaped: the client and the server normalise dot segments.</summary>
    private static readonly string[] RawSegments = ["..", ".", "../admin/cluster", "..%2f..%2fadmin", "%2e%2e", "a/b", "%", "%zz", "%00", ";x=1", "?", "#"];

    private const string ReusedKey = "fuzz-reused-key-0001";

    public Gen<FuzzRequest> For(FuzzOperation op)
    {
        var path = op.In("path").Aggregate(Gen.Const((Path: op.PathTemplate, Note: "")), (acc, p) =>
            from sofar in acc
            from value in PathValue(p.Name)
            select (sofar.Path.Replace("{" + p.Name + "}", value.Segment, StringComparison.Ordinal), sofar.Note + $" {p.Name}={value.Note}"));
        var query = op.In("query").Aggregate(Gen.Const(new List<string>()), (acc, p) =>
            from sofar in acc
            from value in QueryValue(p.Name)
            select value is null ? sofar : [.. sofar, $"{Escape(p.Name)}={Escape(value)}"]);
        var extra = Gen.Frequency(
            (80, Gen.Const(new List<string>())),
            (20, from name in Gen.OneOf(ExtraQueryNames) from value in QueryValue(name) select new List<string> { $"{Escape(name)}={Escape(value ?? "")}" }));
        return from p in path
               from q in query
               from x in extra
               from duplicate in Gen.Int[0, 19]
               from headers in Headers(op)
               from caller in Gen.OneOf(world.Callers.ToArray())
               from body in bodies.For(op)
               select Build(op, p.Path, p.Note, duplicate == 0 && q.Count > 0 ? [.. q, .. q] : [.. q, .. x], headers, caller, body);
    }

    private static FuzzRequest Build(FuzzOperation op, string path, string note, List<string> query, List<KeyValuePair<string, string>> headers,
        FuzzCaller caller, FuzzBody body) =>
        new(op, query.Count == 0 ? path : path + "?" + string.Join("&", query), caller, headers, body, note.Trim());

    private Gen<(string Segment, string Note)> PathValue(string name) => Gen.Frequency(
        (55, Gen.OneOf(world.Valid(name).ToArray()).Select(v => (Escape(v), "valid"))),
        (36, HostileStrings.Short(world).Select(v => (Escape(v), $"hostile({v.Length})"))),
        (6, Gen.OneOf(RawSegments).Select(v => (v, $"raw({v})"))),
        (3, Gen.Const((HostileStrings.OverlongLine, "overlong"))));

    private Gen<string?> QueryValue(string name) => Gen.Frequency(
        (40, Gen.Const(() => (string?)null)),
        (35, Gen.OneOf(world.Valid(name).ToArray()).Select(v => (string?)v)),
        (25, HostileStrings.Short(world).Select(v => (string?)v)));

    private static Gen<List<KeyValuePair<string, string>>> Headers(FuzzOperation op)
    {
        static List<KeyValuePair<string, string>> Key(params string[] values) =>
            values.Select(v => KeyValuePair.Create(ApiHeaders.IdempotencyKey, v)).ToList();
        var odd = Gen.OneOf("", " ", "\t", new string('k', 201), new string('k', 8000), "a b c", "../../etc", "' OR 1=1 --", "%00", "{}",
            "13912345678", "key\u007f");
        var key = op.Method == "POST"
            ? Gen.Frequency(
                (35, Gen.Const(new List<KeyValuePair<string, string>>())),
                (45, Gen.Guid.Select(g => Key(g.ToString()))),
                (5, Gen.Const(Key(ReusedKey))),
                (12, odd.Select(v => Key(v))),
                (3, Gen.Guid.Select(g => Key(g.ToString(), ReusedKey))))
            : Gen.Frequency((90, Gen.Const(new List<KeyValuePair<string, string>>())), (10, Gen.Guid.Select(g => Key(g.ToString()))));
        // Non-ASCII header values are refused by Kestrel itself (400 before the application); they are not sent.
        return key.Select(list => list.Where(h => h.Value.All(c => c < 128)).ToList());
    }

    private static string Escape(string value)
    {
        try { return Uri.EscapeDataString(value); }
        catch (UriFormatException) { return Uri.EscapeDataString(value.Replace('\uD800', '?').Replace('\uDFFF', '?')); }
    }
}
