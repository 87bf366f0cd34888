namespace KuaSheng.Api.Tests.Fuzz;

/// <summary>What the fuzzer may draw on besides hostile strings: ids of real, seeded cases, units, tickets and items
/// (so that requests reach the handlers, not only the 404s), callers with tokens, and the seeded personal data.</summary>
public sealed class FuzzWorld
{
    /// <summary>Valid values by parameter or property name, lower case (caseId, legId, code, unitId, month, ...).</summary>
    public Dictionary<string, List<string>> ByName { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The seeded applicant's and agent's name, ID number and phone, and a ticket's contact: never in an error.</summary>
    public List<string> PersonalData { get; } = [];

    public List<FuzzCaller> Callers { get; } = [];

    /// <summary>Never sent: the node's own Akka address (leaving or downing it would stop the node under test).</summary>
    public List<string> Forbidden { get; } = [];

    public string[] AllValid => _all ??= ByName.Values.SelectMany(v => v).Distinct().ToArray();
    private string[]? _all;

    public void Add(string name, params IEnumerable<string> values)
    {
        if (!ByName.TryGetValue(name, out var list)) ByName[name] = list = [];
        list.AddRange(values.Where(v => !list.Contains(v)));
        _all = null;
    }

    public IReadOnlyList<string> Valid(string name) =>
        ByName.TryGetValue(name, out var list) && list.Count > 0 ? list : AllValid;
}

/// <summary>Who sends a request: a label for the report, and the bearer token (null: none).</summary>
public sealed record FuzzCaller(string Label, string? Token, string? AuthorizationScheme = "Bearer");
