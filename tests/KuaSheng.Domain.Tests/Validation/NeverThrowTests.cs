using CsCheck;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Domain.Tests.Validation;

/// <summary>Bad input is a validation result, never an exception (the API must not answer 500 for it).</summary>
public class NeverThrowTests
{
    private static readonly Func<string?, ValidationResult>[] Validators =
    [
        s => ResidentIdNumber.Validate(s, Reference.Today),
        UnifiedSocialCreditCode.Validate,
        MobileNumber.Validate,
        WaybillNumber.Validate,
    ];

    private static readonly Func<string?, object?>[] Others =
    [
        s => ResidentIdNumber.BirthDate(s),
        s => ResidentIdNumber.Sex(s),
        ResidentIdNumber.RegionPrefix,
        PersonalDataMask.IdNumber,
        PersonalDataMask.Mobile,
        PersonalDataMask.Name,
    ];

    // Nulls, any UTF-16 (lone surrogates included), near-miss shapes, and very long strings.
    private static readonly Gen<string?> Nasty = Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (4, Gen.String.Select(s => (string?)s)),
        (4, Gen.Char["0123456789Xx+- 　１ｘ٣\t\n\u200B\uD800"].Array[0, 25].Select(a => (string?)new string(a))),
        (1, Gen.Char.Array[0, 200_000].Select(a => (string?)new string(a))));

    [Fact]
    public void Validators_never_throw_and_always_explain_a_refusal() =>
        Nasty.Sample(s => Validators.All(validate =>
        {
            var result = validate(s);
            return result.IsValid ? result.Value is not null : result.Errors.Count > 0 && result.Value is null;
        }));

    [Fact]
    public void Helpers_and_masks_never_throw() =>
        Nasty.Sample(s => { foreach (var f in Others) f(s); });

    [Fact]
    public void A_huge_input_is_too_long_not_analysed()
    {
        var huge = new string('1', 1_000_000);
        foreach (var validate in Validators)
            Assert.Equal(ProblemCodes.TooLong, Assert.Single(validate(huge).Errors).Code);
    }

    [Theory]
    [InlineData("٥٠٠١١٠١٩٩٠٠٣٠٧١٢٣2")] // Arabic-Indic digits are digits to char.IsDigit, not to us
    [InlineData("５００１１０１９９００３０７１２３２\u0301")]
    public void Non_ascii_digits_are_not_digits(string input) =>
        Assert.False(ResidentIdNumber.Validate(input, Reference.Today).IsValid);
}
