using System.Text.RegularExpressions;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Domain.Audit;

/// <summary>
/// What an audit record may hold of a value it did not choose (a token's subject, a target taken from the path): the
/// value with every resident ID number and mobile number in it masked (<see cref="PersonalDataMask"/>), and cut to
/// <see cref="MaxLength"/> characters. A subject that is a person's ID number (some identity providers use one) is kept as
/// <c>500110********123X</c>: enough to tell records apart, not enough to identify the person.
/// </summary>
public static partial class AuditText
{
    public const int MaxLength = 200;

    public static string? Safe(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var text = value.Length > MaxLength ? value[..MaxLength] : value;
        text = IdNumberPattern().Replace(text, m => PersonalDataMask.IdNumber(m.Value));
        return MobilePattern().Replace(text, m => PersonalDataMask.Mobile(m.Value));
    }

    [GeneratedRegex(@"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex IdNumberPattern();

    [GeneratedRegex(@"(?<![0-9])1[3-9][0-9]{9}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex MobilePattern();
}
