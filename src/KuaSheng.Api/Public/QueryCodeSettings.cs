using System.Text;
using Microsoft.Extensions.Configuration;

namespace KuaSheng.Api.Public;

/// <summary>
/// Query codes (查询码), configuration section <c>KuaSheng:QueryCodes</c>: the secret they are derived from, the
/// secrets they were derived from before (so that codes already printed on receipts still check after a rotation),
/// and how many wrong codes a case takes (<see cref="Domain.Public.QueryCodeLockout"/>). The secret is their own, never
/// the token signing key: rotating one must not change the other.
/// </summary>
public sealed class QueryCodeSettings
{
    public const string Section = "KuaSheng:QueryCodes";
    public const int MinimumSecretBytes = 32;

    /// <summary>The secret new codes are derived from, at least 32 bytes (best from the environment:
    /// <c>KuaSheng__QueryCodes__Secret</c>).</summary>
    public string? Secret { get; set; }

    /// <summary>A file (a mounted secret) whose first line is the secret and whose further lines are previous secrets;
    /// wins over <see cref="Secret"/>. Rotate by writing the new secret as a new first line.</summary>
    public string? SecretFile { get; set; }

    /// <summary>Secrets codes were derived from before: still accepted, never used for new codes. Remove one when the
    /// cases whose receipts carry its codes no longer need looking up.</summary>
    public string[] PreviousSecrets { get; set; } = [];

    /// <summary>Wrong codes a case takes within <see cref="LockoutWindow"/> before it is locked (default 10).</summary>
    public int MaxFailures { get; set; } = 10;

    /// <summary>The window of <see cref="MaxFailures"/>, and how long the lock lasts (default one hour).</summary>
    public TimeSpan LockoutWindow { get; set; } = TimeSpan.FromHours(1);

    public static QueryCodeSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<QueryCodeSettings>() ?? new QueryCodeSettings();

    /// <summary>The fixed secret of dev configurations (dev features on) that set none: their codes are as guessable as
    /// their dev tokens are forgeable.</summary>
    public const string DevSecret = "dev-only-query-code-secret-of-kuasheng-not-for-production-use";

    /// <summary>The secrets in force, the current one first; throws with a message naming the setting when there is
    /// none (outside dev configurations) or one is too short.</summary>
    /// <param name="devFeatures">Dev features are on: without a configured secret, <see cref="DevSecret"/> is used.</param>
    /// <param name="signingKey">The token signing key, which the query-code secret must not be.</param>
    public IReadOnlyList<byte[]> Resolve(bool devFeatures, string? signingKey)
    {
        if (Problem(devFeatures, signingKey) is { } problem) throw new InvalidOperationException(problem);
        return Texts(devFeatures).Select(Encoding.UTF8.GetBytes).ToList();
    }

    /// <summary>Why a node must not start with these settings, or null when it may.</summary>
    public string? Problem(bool devFeatures, string? signingKey)
    {
        if (!string.IsNullOrWhiteSpace(SecretFile) && !File.Exists(SecretFile)) return $"{Section}:SecretFile: no file {SecretFile}.";
        var secrets = Texts(devFeatures);
        if (secrets.Count == 0)
            return $"Query codes need a secret of their own: set {Section}:Secret (environment KuaSheng__QueryCodes__Secret, at least " +
                $"{MinimumSecretBytes} bytes) or {Section}:SecretFile (a mounted file, first line). Only dev configurations " +
                "(KuaSheng:DevFeatures on) may go without one.";
        if (secrets.FirstOrDefault(s => Encoding.UTF8.GetByteCount(s) < MinimumSecretBytes) is not null)
            return $"{Section}: every secret (Secret, SecretFile's lines, PreviousSecrets) must be at least {MinimumSecretBytes} bytes.";
        if (!string.IsNullOrEmpty(signingKey) && secrets.Contains(signingKey, StringComparer.Ordinal))
            return $"{Section}:Secret must not be the token signing key (KuaSheng:Auth:SigningKey): rotating one would change the other.";
        return null;
    }

    private List<string> Texts(bool devFeatures)
    {
        var fromFile = !string.IsNullOrWhiteSpace(SecretFile) && File.Exists(SecretFile)
            ? File.ReadAllLines(SecretFile).Select(l => l.Trim()).Where(l => l.Length > 0).ToList()
            : [];
        var current = fromFile.Count > 0 ? fromFile[0] : Secret?.Trim();
        if (string.IsNullOrEmpty(current))
        {
            if (!devFeatures) return [];
            current = DevSecret;
        }
        return [current, .. fromFile.Skip(1), .. PreviousSecrets.Select(s => s.Trim()).Where(s => s.Length > 0)];
    }
}
