using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KuaSheng.Api.Public;

/// <summary>
/// The query code (查询码) of a case: six digits derived from the case id with the query-code secret (HMAC-SHA256),
/// so a replayed submission hands out the same code and no code is stored in clear. A code checks against the current
/// secret and every previous one (<see cref="QueryCodeSettings.PreviousSecrets"/>), so a rotation leaves the codes on
/// earlier receipts working; each secret accepted adds one code per case a guesser could hit.
/// </summary>
/// <param name="secrets">The secrets in force, the current one first (<see cref="QueryCodeSettings.Resolve"/>).</param>
public sealed class QueryCodes(IReadOnlyList<byte[]> secrets)
{
    public const int Length = 6;

    /// <summary>The code handed out for a case now: derived with the current secret.</summary>
    public string Issue(string caseId) => Derive(secrets[0], caseId);

    /// <summary>Whether <paramref name="code"/> is the case's code under any secret in force. Constant time in the code:
    /// every secret is tried and compared with <see cref="CryptographicOperations.FixedTimeEquals"/>, whatever matched.</summary>
    public bool Matches(string caseId, string? code)
    {
        var given = Encoding.ASCII.GetBytes(code is { Length: Length } ? code : new string('x', Length));
        var match = false;
        foreach (var secret in secrets)
            match |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Derive(secret, caseId)), given);
        return match && code is { Length: Length };
    }

    private static string Derive(byte[] secret, string caseId)
    {
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(caseId));
        return (BitConverter.ToUInt32(mac, 0) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }
}
