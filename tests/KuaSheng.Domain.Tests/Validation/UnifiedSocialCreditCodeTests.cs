using CsCheck;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Domain.Tests.Validation;

public class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // the example usually quoted with GB 32100
    [InlineData("91500110MA5U7XXX0U")]
    [InlineData("12500110009305829X")] // public institution
    [InlineData("52500110MJP1234563")]
    [InlineData("000000000000000000")] // check value 31 is written 0
    public void Valid_codes_pass_without_warning(string code)
    {
        var result = UnifiedSocialCreditCode.Validate(code);
        Assert.True(result.IsValid);
        Assert.Empty(result.Problems);
        Assert.Equal(code, result.Value);
    }

    [Fact]
    public void Lower_case_and_spaces_around_are_normalised() =>
        Assert.Equal("91350100M000100Y43", UnifiedSocialCreditCode.Validate(" 91350100m000100y43 ").Value);

    [Fact]
    public void A_wrong_check_character_is_a_warning_not_a_refusal()
    {
        var result = UnifiedSocialCreditCode.Validate("91350100M000100Y44");
        Assert.True(result.IsValid);
        Assert.Equal("91350100M000100Y44", result.Value);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(ProblemCodes.CreditCodeCheck, warning.Code);
        Assert.True(warning.IsWarning);
        Assert.StartsWith("The credit code's last character should be 3, not 4", warning.Message);
    }

    [Theory]
    [InlineData(null, ProblemCodes.Required)]
    [InlineData("", ProblemCodes.Required)]
    [InlineData("91350100M000100Y4", ProblemCodes.CreditCodeFormat)]
    [InlineData("91350100M000100Y433", ProblemCodes.CreditCodeFormat)]
    [InlineData("91350100M000I00Y43", ProblemCodes.CreditCodeFormat)]
    [InlineData("91350100M000100V43", ProblemCodes.CreditCodeFormat)]
    [InlineData("91350100M000100Y4-", ProblemCodes.CreditCodeFormat)]
    public void Wrong_length_or_characters_are_errors(string? code, string expected)
    {
        var result = UnifiedSocialCreditCode.Validate(code);
        Assert.False(result.IsValid);
        Assert.Equal(expected, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Letter_o_is_explained_as_probably_zero() =>
        Assert.Contains("probably the digit 0",
            Assert.Single(UnifiedSocialCreditCode.Validate("91350100MOOO100Y43").Errors).Message);

    [Fact]
    public void Any_code_with_computed_check_passes_without_warning() =>
        Reference.CreditBody.Sample(body =>
        {
            var code = body + Reference.CreditCheck(body);
            var result = UnifiedSocialCreditCode.Validate(code);
            return result.IsValid && result.Problems.Count == 0 && result.Value == code;
        });

    [Fact]
    public void Any_code_with_another_check_gives_exactly_one_warning() =>
        Gen.Select(Reference.CreditBody, Gen.Char[Reference.CreditAlphabet])
            .Where((body, check) => check != Reference.CreditCheck(body))
            .Sample((body, check) =>
            {
                var result = UnifiedSocialCreditCode.Validate(body + check);
                return result.IsValid && result.Errors.Count == 0
                    && result.Warnings.Count == 1 && result.Warnings[0].Code == ProblemCodes.CreditCodeCheck;
            });
}
