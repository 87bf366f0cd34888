namespace KuaSheng.Domain.Validation;

/// <summary>
/// Unified social credit code of an organisation (统一社会信用代码, GB 32100): 18 characters from
/// <see cref="Alphabet"/>, the last a check character. A failed check is only a warning because
/// some registered codes fail it; the clerk compares with the licence and the case records it.
/// </summary>
public static class UnifiedSocialCreditCode
{
    public const int Length = 18;

    /// <summary>Digits and capitals without I, O, S, V, Z; a character's value is its index.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // 3^(i-1) mod 31 for i = 1..17.
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Validates <paramref name="input"/> (trimmed, upper-cased; full-width folded).</summary>
    public static ValidationResult Validate(string? input)
    {
        if (!InputText.TryPrepare(input, out var text, out var problem))
            return ValidationResult.Fail(problem);
        var code = text.ToUpperInvariant();

        if (code.Length != Length)
            return ValidationResult.Fail(new FieldProblem(ProblemCodes.CreditCodeFormat,
                $"The credit code should have 18 characters; this one has {code.Length} (统一社会信用代码应为18位，当前为{code.Length}位)"));
        for (var i = 0; i < Length; i++)
            if (Alphabet.IndexOf(code[i]) < 0)
                return ValidationResult.Fail(new FieldProblem(ProblemCodes.CreditCodeFormat, BadCharacter(i, code[i])));

        var expected = ComputeCheckCharacter(code.AsSpan(0, 17));
        if (code[17] == expected)
            return ValidationResult.Ok(code);
        return ValidationResult.Ok(code, new FieldProblem(ProblemCodes.CreditCodeCheck,
            $"The credit code's last character should be {expected}, not {code[17]}; some real codes fail this check, so compare it with the business licence (统一社会信用代码校验码应为{expected}而非{code[17]}，部分真实代码也不符，请与营业执照核对)",
            IsWarning: true));
    }

    /// <summary>The check character for the first 17 characters.</summary>
    /// <exception cref="ArgumentException">Not 17 characters from <see cref="Alphabet"/>.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
            throw new ArgumentException("Expected 17 characters.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0)
                throw new ArgumentException($"'{first17[i]}' is not a credit code character.", nameof(first17));
            sum += value * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    // The letters left out look like digits; say which digit was probably meant.
    private static string BadCharacter(int index, char c)
    {
        var hint = c switch { 'O' => "0", 'I' => "1", 'Z' => "2", 'S' => "5", _ => null };
        var shown = char.IsAsciiLetterOrDigit(c) ? c.ToString() : "?";
        return hint is null
            ? $"Character {index + 1} of the credit code ({shown}) is not allowed: only digits and capital letters except I, O, S, V, Z (统一社会信用代码第{index + 1}位字符无效，只含数字和除I、O、S、V、Z外的大写字母)"
            : $"Character {index + 1} of the credit code is the letter {c}, which is never used; it is probably the digit {hint} (统一社会信用代码第{index + 1}位不使用字母{c}，应为数字{hint})";
    }
}
