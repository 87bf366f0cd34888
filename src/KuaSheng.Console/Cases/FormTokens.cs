using System.Security.Cryptography;
using System.Text;
using KuaSheng.Domain.Access;

namespace KuaSheng.Console.Cases;

/// <summary>
/// The token a form carries from the moment it is shown (a hidden field): it becomes the id of the command the form sends,
/// so a double-clicked or resent form is the same command and the case entity carries it out once — as an
/// <c>Idempotency-Key</c> does for the API. A submission's case id derives from it too (<c>CaseIds.NewCaseId</c>), so a
/// second submit reaches the same case.
/// </summary>
public static class FormTokens
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static bool IsValid(string? token) =>
        token is { Length: 32 } && token.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>The idempotency key of a submission made with this form (separate from the API's keys).</summary>
    public static string? SubmissionKey(string? token) => IsValid(token) ? "console:" + token : null;

    /// <summary>The command id of a step sent by this form: per caller, step and token; without a valid token a fresh
    /// one (nothing to de-duplicate against).</summary>
    public static string CommandId(Caller caller, string step, string? token)
    {
        if (!IsValid(token)) return Guid.NewGuid().ToString("N");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"console\n{caller.Role}\n{caller.Subject}\n{step}\n{token}"));
        return "c:" + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }
}
