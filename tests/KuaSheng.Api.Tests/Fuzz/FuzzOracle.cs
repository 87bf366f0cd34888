using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ProblemCodes = KuaSheng.Api.Problems.ProblemCodes;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Api.Tests.Fuzz;

/// <summary>An answer as received.</summary>
public sealed record FuzzAnswer(int Status, string? MediaType, string Body, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public override string ToString() => $"{Status} {MediaType} {(Body.Length > 600 ? Body[..600] + "..." : Body)}";
}

/// <summary>The properties every answer must have: never a 5xx; a refusal (4xx) is a problem+json with a stable code;
/// an error carries no personal data (the seeded applicant's, or any valid ID number) in its body or headers.</summary>
public sealed partial class FuzzOracle(FuzzWorld world)
{
    /// <summary>The codes of <see cref="ProblemCodes"/>, read by reflection: a new code is known without editing the test.</summary>
    public static readonly HashSet<string> StableCodes = typeof(ProblemCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();

    [GeneratedRegex(@"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")]
    private static partial Regex IdNumberLike();

    public IEnumerable<string> Violations(FuzzRequest request, FuzzAnswer answer)
    {
        if (answer.Status >= 500) yield return $"answered {answer.Status}";
        if (answer.Status >= 400)
        {
            if (!ByServer(answer) && ProblemCode(answer) is { } problem) yield return problem;
            foreach (var leak in Leaks(answer)) yield return leak;
        }
    }

    /// <summary>Kestrel's own refusals, before any middleware of the application runs (a request line over 8 KB: 414,
    /// headers over 32 KB: 431, a NUL in the decoded path: 400): no body, and none of the security headers the
    /// application puts on every answer. The application cannot give these a problem body.</summary>
    public static bool ByServer(FuzzAnswer answer) =>
        answer.Status is 400 or 414 or 431 && answer.Body.Length == 0 && !answer.Headers.Any(h => h.Key == "X-Content-Type-Options");

    private static string? ProblemCode(FuzzAnswer answer)
    {
        if (answer.MediaType != "application/problem+json") return $"a {answer.Status} that is not application/problem+json ({answer.MediaType ?? "no content type"})";
        JsonNode? body;
        try { body = JsonNode.Parse(answer.Body); }
        catch (JsonException) { return "a problem body that is not JSON"; }
        var code = body?["code"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        if (code is null || !StableCodes.Contains(code)) return $"problem code \"{code}\" is not one of ProblemCodes";
        if (body?["status"]?.GetValue<int>() != answer.Status) return "the problem's status differs from the answer's";
        return null;
    }

    private IEnumerable<string> Leaks(FuzzAnswer answer)
    {
        var texts = answer.Headers.Select(h => (Where: $"header {h.Key}", Text: h.Value)).Prepend(("body", answer.Body)).ToList();
        // Problem bodies are JSON: personal data may arrive escaped (\uXXXX), so the parsed strings are checked too.
        try { if (JsonNode.Parse(answer.Body) is { } json) texts.Add(("body (parsed)", json.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))); }
        catch (JsonException) { }
        foreach (var (where, text) in texts)
        {
            foreach (var value in world.PersonalData)
                if (text.Contains(value, StringComparison.OrdinalIgnoreCase)) yield return $"personal data \"{value}\" in the {where}";
            foreach (Match m in IdNumberLike().Matches(text))
                if (ResidentIdNumber.Validate(m.Value, DateOnly.FromDateTime(DateTime.Today)).IsValid) yield return $"an ID number in the {where}: {m.Value}";
        }
    }
}
