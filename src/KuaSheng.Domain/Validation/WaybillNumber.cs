namespace KuaSheng.Domain.Validation;

/// <summary>
/// Waybill (邮件号) for mailing documents. Accepted:
/// <list type="bullet">
/// <item>UPU S10: 2 letters, 8 digits, check digit, 2 letters (e.g. EA123456785CN), check verified.</item>
/// <item>Domestic: 13 digits (China Post / EMS domestic numbers); they have no published check digit.</item>
/// </list>
/// Other 13-character alphanumeric shapes are refused: at China Post the only one is S10 itself,
/// and letting, say, a misread S10 pass unchecked would defeat its check digit. Other carriers'
/// formats (SF 12 digits, JD "JD…" 15 characters) are not part of the design and are refused too.
/// Spaces are stripped (numbers are printed in groups) and letters upper-cased.
/// </summary>
public static class WaybillNumber
{
    public const int Length = 13;

    private static readonly int[] S10Weights = [8, 6, 4, 2, 3, 5, 9, 7];

    public static ValidationResult Validate(string? input)
    {
        if (!InputText.TryPrepare(input, out var text, out var problem))
            return ValidationResult.Fail(problem);
        var number = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

        if (number.Length == Length && number.All(char.IsAsciiDigit))
            return ValidationResult.Ok(number);
        if (!IsS10Shape(number))
            return ValidationResult.Fail(new FieldProblem(ProblemCodes.WaybillFormat,
                $"A waybill number is 13 digits, or 2 letters, 9 digits and 2 letters such as EA123456785CN; this one has {number.Length} characters (邮件号应为13位数字，或2位字母+9位数字+2位字母，当前为{number.Length}位)"));

        var expected = ComputeS10CheckDigit(number.AsSpan(2, 8));
        if (number[10] != expected)
            return ValidationResult.Fail(new FieldProblem(ProblemCodes.WaybillCheckDigit,
                $"The waybill number's check digit (11th character) should be {expected}, not {number[10]}; please check the number on the label (邮件号第11位校验位应为{expected}而非{number[10]}，请核对面单)"));
        return ValidationResult.Ok(number);
    }

    /// <summary>S10 check digit for the 8-digit serial: 11 - (weighted sum mod 11), 10 → 0, 11 → 5.</summary>
    /// <exception cref="ArgumentException">Not exactly 8 ASCII digits.</exception>
    public static char ComputeS10CheckDigit(ReadOnlySpan<char> serial8)
    {
        if (serial8.Length != 8 || serial8.ContainsAnyExceptInRange('0', '9'))
            throw new ArgumentException("Expected 8 digits.", nameof(serial8));
        var sum = 0;
        for (var i = 0; i < 8; i++)
            sum += (serial8[i] - '0') * S10Weights[i];
        var check = 11 - sum % 11;
        return check switch { 10 => '0', 11 => '5', _ => (char)('0' + check) };
    }

    /// <summary>Whether a normalised number has the S10 shape (2 letters, 9 digits, 2 letters); the check digit is
    /// <see cref="Validate"/>'s business.</summary>
    public static bool IsS10Shape(string n) =>
        n.Length == Length
        && char.IsAsciiLetterUpper(n[0]) && char.IsAsciiLetterUpper(n[1])
        && n.AsSpan(2, 9).IndexOfAnyExceptInRange('0', '9') < 0
        && char.IsAsciiLetterUpper(n[11]) && char.IsAsciiLetterUpper(n[12]);
}
