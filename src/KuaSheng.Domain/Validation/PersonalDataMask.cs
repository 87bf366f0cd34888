using System.Globalization;
using System.Text;

namespace KuaSheng.Domain.Validation;

/// <summary>
/// Masks personal data for logs and public look-ups. Never throws; null gives "". Works on the
/// text as given (no normalisation), so what is hidden is exactly what the rules say.
/// </summary>
public static class PersonalDataMask
{
    public const char MaskCharacter = '*';

    /// <summary>
    /// <c>500110********123X</c>: first 6 and last 4 kept, length preserved. Inputs under 15
    /// characters are masked entirely, so a short fragment is never shown whole.
    /// </summary>
    public static string IdNumber(string? value) => KeepEnds(value, head: 6, tail: 4, minLength: 15);

    /// <summary>
    /// <c>138****5678</c>: first 3 and last 4 kept, length preserved. Inputs under 11 characters
    /// are masked entirely. A raw "+86 138…" keeps only "+86" and the last 4 digits.
    /// </summary>
    public static string Mobile(string? value) => KeepEnds(value, head: 3, tail: 4, minLength: 11);

    /// <summary>
    /// <c>张*</c>, <c>欧阳**</c> → <c>欧***</c>: only the first character is kept, each other one becomes
    /// a star. Compound surnames are not detected on purpose: keeping one character reveals less.
    /// A one-character value is masked entirely. Characters outside the BMP (e.g. 𠮷) count as one.
    /// </summary>
    public static string Name(string? value)
    {
        var name = value?.Trim() ?? "";
        var elements = new StringInfo(name).LengthInTextElements;
        if (elements <= 1)
            return new string(MaskCharacter, elements);
        var first = StringInfo.GetNextTextElement(name);
        return new StringBuilder(first).Append(MaskCharacter, elements - 1).ToString();
    }

    /// <summary>Masks <paramref name="value"/> as <paramref name="kind"/>; free text is returned unchanged.</summary>
    public static string Mask(string? value, PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.IdNumber => IdNumber(value),
        PersonalDataKind.Mobile => Mobile(value),
        PersonalDataKind.Name => Name(value),
        _ => value ?? "",
    };

    private static string KeepEnds(string? value, int head, int tail, int minLength)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value.Length < minLength)
            return new string(MaskCharacter, value.Length);
        return string.Create(value.Length, value, (buffer, source) =>
        {
            buffer.Fill(MaskCharacter);
            source.AsSpan(0, head).CopyTo(buffer);
            source.AsSpan(source.Length - tail).CopyTo(buffer[^tail..]);
        });
    }
}
