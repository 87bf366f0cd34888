namespace KuaSheng.Domain.Validation;

/// <summary>
/// Mainland mobile number: 11 digits, 1[3-9]xxxxxxxxx. Spaces, dashes and a +86 / 0086 / 86
/// prefix are tolerated and stripped; <see cref="ValidationResult.Value"/> is the bare 11 digits.
/// </summary>
public static class MobileNumber
{
    public const int Length = 11;

    public static ValidationResult Validate(string? input)
    {
        if (!InputText.TryPrepare(input, out var text, out var problem))
            return ValidationResult.Fail(problem);

        var bare = string.Concat(text.Where(c => c != '-' && !char.IsWhiteSpace(c)));
        if (bare.StartsWith('+'))
        {
            if (!bare.StartsWith("+86", StringComparison.Ordinal))
                return Fail("Only mainland mobile numbers are accepted; the country code must be +86 (仅受理中国大陆手机号码，国家代码应为+86)");
            bare = bare[3..];
        }
        else if (bare.StartsWith("0086", StringComparison.Ordinal))
            bare = bare[4..];
        else if (bare.Length == Length + 2 && bare.StartsWith("86", StringComparison.Ordinal))
            bare = bare[2..];

        if (bare.Any(c => !char.IsAsciiDigit(c)))
            return Fail("A mobile number may contain only digits, spaces, dashes and a +86 prefix (手机号码只能包含数字、空格、短横线和+86前缀)");
        if (bare.Length != Length)
            return Fail($"A mobile number has 11 digits; this one has {bare.Length} (手机号码应为11位，当前为{bare.Length}位)");
        if (bare[0] != '1' || bare[1] < '3')
            return Fail("A mobile number starts with 13 to 19 (手机号码应以13至19开头)");
        return ValidationResult.Ok(bare);
    }

    private static ValidationResult Fail(string message) =>
        ValidationResult.Fail(new FieldProblem(ProblemCodes.MobileFormat, message));
}
