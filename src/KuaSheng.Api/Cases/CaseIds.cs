using System.Security.Cryptography;
using System.Text;
using KuaSheng.Api.Auth;
using KuaSheng.Domain.Access;
using KuaSheng.Api.Public;

namespace KuaSheng.Api.Cases;

/// <summary>
/// Identities of a new case. With an Idempotency-Key the case id is derived from the caller and the key, so a
/// retried submission reaches the same case entity, which de-duplicates it. The case number (办件编号) carries the
/// case id (prefix + date + id, a common practice; GB/T 39046 prescribes no structure), and the query code (查询码)
/// is derived from the case id with the query-code secret (<see cref="QueryCodes"/>), so a replay hands out the same code.
/// </summary>
public sealed class CaseIds(QueryCodes codes)
{
    private const string NumberPrefix = "QJKS";

    public string NewCaseId(Caller caller, string? idempotencyKey)
    {
        if (string.IsNullOrEmpty(idempotencyKey)) return Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{caller.Role}\n{caller.Subject}\n{idempotencyKey}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    /// <summary>Whether <paramref name="caseId"/> has the shape of our case ids (16 lowercase hex digits): anything
    /// else is answered 404 without waking an entity for it.</summary>
    public static bool IsCaseId(string? caseId) =>
        caseId is { Length: 16 } && caseId.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    public static string CaseNumber(string caseId, DateOnly date) => $"{NumberPrefix}{date:yyyyMMdd}-{caseId.ToUpperInvariant()}";

    /// <summary>The case id inside a case number, or null when it is not one of ours.</summary>
    public static string? CaseIdOf(string caseNumber)
    {
        var dash = caseNumber.IndexOf('-');
        if (!caseNumber.StartsWith(NumberPrefix, StringComparison.Ordinal) || dash != NumberPrefix.Length + 8) return null;
        var id = caseNumber[(dash + 1)..].ToLowerInvariant();
        return IsCaseId(id) ? id : null;
    }

    public string QueryCode(string caseId) => codes.Issue(caseId);

    public static string HashQueryCode(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
