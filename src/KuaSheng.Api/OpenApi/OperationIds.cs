using System.Text;

namespace KuaSheng.Api.OpenApi;

/// <summary>A stable <c>operationId</c> from an operation's method and route, for client generators:
/// <c>POST api/v1/cases/{caseId}/form-review</c> is <c>PostCasesFormReview</c>, <c>GET api/v1/units/{id}</c> is
/// <c>GetUnitsById</c>. Method and route are unique per operation, so the ids are too (a test checks).</summary>
public static class OperationIds
{
    public static string For(string? method, string? relativePath)
    {
        var id = new StringBuilder(Pascal((method ?? "get").ToLowerInvariant()));
        var segments = (relativePath ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries)
            .SkipWhile(s => s is "api" or "v1").ToList();
        var trailing = new List<string>();
        foreach (var segment in segments)
        {
            if (segment.StartsWith('{'))
            {
                trailing.Add(Pascal(segment.Trim('{', '}').Split(':')[0]));
                continue;
            }
            trailing.Clear();
            id.Append(Pascal(segment));
        }
        if (trailing.Count > 0) id.Append("By").Append(string.Join("And", trailing));
        return id.ToString();
    }

    private static string Pascal(string kebab) =>
        string.Concat(kebab.Split('-', '_', '.').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
