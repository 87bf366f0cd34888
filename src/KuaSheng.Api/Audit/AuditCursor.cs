using System.Globalization;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace KuaSheng.Api.Audit;

/// <summary>Where a page of the audit trail ended: the last record's time and id (records are ordered by both, newest
/// first), as an opaque base64url text.</summary>
public sealed record AuditCursor(long AtMs, long Id)
{
    public string Encode() => Base64UrlEncoder.Encode(string.Create(CultureInfo.InvariantCulture, $"{AtMs}:{Id}"));

    public static AuditCursor? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 64) return null;
        string plain;
        try
        {
            plain = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(text));
        }
        catch (FormatException)
        {
            return null;
        }
        var parts = plain.Split(':');
        return parts.Length == 2
               && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
               && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new AuditCursor(at, id)
            : null;
    }
}
