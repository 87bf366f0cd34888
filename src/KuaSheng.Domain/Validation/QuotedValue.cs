using System.Text.RegularExpressions;

namespace KuaSheng.Domain.Validation;

/// <summary>
/// How a message may quote a value a client sent (SECURITY.md: refusals name the field, never echo personal data):
/// <see cref="Shown"/> quotes a short identifier and nothing else — a name, free text, an ID or mobile number, a huge or
/// odd string is not quoted; <see cref="Redact"/> masks ID-number-shaped and mobile-shaped text as the logs do. The API's
/// problems, the console's messages and the domain's refusals all quote through here.
/// </summary>
public static partial class QuotedValue
{
    /// <summary>Shown in place of a value that is not quoted.</summary>
    public const string NotShown = "(the value sent)";

    private const int MaxShown = 80;

    [GeneratedRegex(@"(?<!\d)\d{17}[\dXx](?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex IdNumberPattern();

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex MobilePattern();

    /// <summary>The value as a message may quote it: printable ASCII of an identifier (letters, digits, <c>-_.:/@</c>), at
    /// most 80 characters, not shaped like an ID or mobile number; else <see cref="NotShown"/>.</summary>
    public static string Shown(string? value)
    {
        if (value is null) return "(none)";
        if (value.Length is 0 or > MaxShown) return NotShown;
        foreach (var c in value)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '@')) return NotShown;
        return IdNumberPattern().IsMatch(value) || MobilePattern().IsMatch(value) ? NotShown : value;
    }

    /// <summary>Masks ID-number-shaped and mobile-shaped substrings (<c>110105********002X</c>, <c>139****5678</c>).</summary>
    public static string Redact(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var masked = IdNumberPattern().Replace(text, m => PersonalDataMask.IdNumber(m.Value));
        return MobilePattern().Replace(masked, m => PersonalDataMask.Mobile(m.Value));
    }
}
