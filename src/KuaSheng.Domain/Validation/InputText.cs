namespace KuaSheng.Domain.Validation;

/// <summary>The steps every validator takes before looking at the content.</summary>
internal static class InputText
{
    /// <summary>GB/T 39046 stores codes as text up to 50 characters; nothing we check is longer.</summary>
    internal const int MaxLength = 50;

    /// <summary>
    /// Refuses missing and overlong input, then trims and folds full-width characters (a Chinese
    /// IME easily types １２３ or Ｘ) to ASCII. Length is checked on the trimmed span before any
    /// copy, so a huge input costs nothing.
    /// </summary>
    internal static bool TryPrepare(string? raw, out string text, out FieldProblem problem)
    {
        var span = raw.AsSpan().Trim();
        if (span.IsEmpty)
        {
            (text, problem) = ("", new FieldProblem(ProblemCodes.Required, "This field is required (此项为必填项)"));
            return false;
        }
        if (span.Length > MaxLength)
        {
            (text, problem) = ("", new FieldProblem(ProblemCodes.TooLong,
                $"This value is too long: {span.Length} characters, at most {MaxLength} (输入内容过长：{span.Length}个字符，最多{MaxLength}个)"));
            return false;
        }
        text = ToHalfWidth(span);
        problem = null!;
        return true;
    }

    internal static string ToHalfWidth(ReadOnlySpan<char> span) =>
        string.Create(span.Length, span, static (buffer, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                buffer[i] = c switch
                {
                    >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                    '\u3000' => ' ',
                    _ => c,
                };
            }
        });
}
