using System.Globalization;

namespace KuaSheng.Domain.Validation;

/// <summary>
/// 18-character resident ID number (公民身份号码, GB 11643): 6-digit region, yyyyMMdd birth date,
/// 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character (digit or X).
/// </summary>
public static class ResidentIdNumber
{
    public const int Length = 18;

    // Weight of position i is 2^(17-i) mod 11; the check makes the weighted sum ≡ 1 (mod 11).
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";
    private static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    /// <summary>
    /// Validates <paramref name="input"/> (trimmed; lower-case x and full-width digits accepted).
    /// On success <see cref="ValidationResult.Value"/> is the upper-case number. Region, birth date
    /// and check character are all reported, not just the first that fails.
    /// </summary>
    /// <param name="today">Birth dates after this day are refused.</param>
    /// <param name="isKnownRegion">Given the 6-digit region prefix, whether it is a real (possibly
    /// former) region; defaults to <see cref="ProvinceCodes.IsKnownProvinceOf"/>.</param>
    public static ValidationResult Validate(string? input, DateOnly today, Func<string, bool>? isKnownRegion = null)
    {
        if (!InputText.TryPrepare(input, out var text, out var problem))
            return ValidationResult.Fail(problem);
        var id = text.ToUpperInvariant();

        if (id.Length == 15 && id.All(char.IsAsciiDigit))
            return ValidationResult.Fail(new FieldProblem(ProblemCodes.IdNumberLegacy15,
                "This is an old 15-digit ID number; please give the 18-digit number on the current ID card (15位旧身份证号码不再使用，请提供18位身份证号码)"));

        if (FormatProblem(id) is { } format)
            return ValidationResult.Fail(format);

        var problems = new List<FieldProblem>();
        var region = id[..6];
        if (!(isKnownRegion ?? ProvinceCodes.IsKnownProvinceOf)(region))
            problems.Add(new FieldProblem(ProblemCodes.IdNumberRegion,
                $"The ID number's region code (first 6 digits, {region}) is not a known region (身份证号码前6位地址码{region}无效)"));

        if (BirthDateProblem(id, today) is { } birth)
            problems.Add(birth);

        var expected = ComputeCheckCharacter(id.AsSpan(0, 17));
        if (id[17] != expected)
            problems.Add(new FieldProblem(ProblemCodes.IdNumberCheckDigit,
                $"The ID number's last character should be {expected}, not {id[17]}; if the card shows {id[17]}, another digit was mistyped (身份证号码校验码错误，应为{expected}；如证件上为{id[17]}，则其他位录入有误)"));

        return ValidationResult.From(id, problems);
    }

    /// <summary>The check character for the first 17 digits.</summary>
    /// <exception cref="ArgumentException">Not exactly 17 ASCII digits.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17 || first17.ContainsAnyExceptInRange('0', '9'))
            throw new ArgumentException("Expected 17 digits.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>Date of birth, or null when <paramref name="id"/> is not an 18-character number with a real date.</summary>
    public static DateOnly? BirthDate(string? id) =>
        Shape(id) is { } s && TryBirthDate(s, out var date) ? date : null;

    /// <summary>Sex from the 17th digit (odd = male), or null when <paramref name="id"/> is not well formed.</summary>
    public static Sex? Sex(string? id) =>
        Shape(id) is { } s ? ((s[16] - '0') % 2 == 1 ? Validation.Sex.Male : Validation.Sex.Female) : null;

    /// <summary>The 6-digit region prefix, or null when <paramref name="id"/> is not well formed.</summary>
    public static string? RegionPrefix(string? id) => Shape(id)?[..6];

    // The normalised number if it has the right shape (length, digits, last digit or X), else null.
    private static string? Shape(string? id)
    {
        if (!InputText.TryPrepare(id, out var text, out _))
            return null;
        var upper = text.ToUpperInvariant();
        return FormatProblem(upper) is null ? upper : null;
    }

    private static FieldProblem? FormatProblem(string id)
    {
        if (id.Length != Length)
            return new FieldProblem(ProblemCodes.IdNumberFormat,
                $"The ID number should have 18 characters; this one has {id.Length} (身份证号码应为18位，当前为{id.Length}位)");
        for (var i = 0; i < 17; i++)
            if (!char.IsAsciiDigit(id[i]))
                return new FieldProblem(ProblemCodes.IdNumberFormat,
                    $"Character {i + 1} of the ID number should be a digit (身份证号码第{i + 1}位应为数字)");
        if (!char.IsAsciiDigit(id[17]) && id[17] != 'X')
            return new FieldProblem(ProblemCodes.IdNumberFormat,
                "The ID number's last character should be a digit or X (身份证号码最后一位应为数字或X)");
        return null;
    }

    private static FieldProblem? BirthDateProblem(string id, DateOnly today)
    {
        const string where = "The date of birth in the ID number (characters 7-14)";
        if (!TryBirthDate(id, out var date))
            return new FieldProblem(ProblemCodes.IdNumberBirthDate, $"{where} is not a real date (身份证号码第7-14位出生日期无效)");
        if (date > today)
            return new FieldProblem(ProblemCodes.IdNumberBirthDate, $"{where} is in the future (身份证号码中的出生日期晚于今天)");
        if (date < EarliestBirthDate)
            return new FieldProblem(ProblemCodes.IdNumberBirthDate, $"{where} is before 1900 (身份证号码中的出生日期早于1900年)");
        return null;
    }

    private static bool TryBirthDate(string id, out DateOnly date) =>
        DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
