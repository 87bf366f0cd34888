using CsCheck;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Domain.Tests.Validation;

public class MobileNumberTests
{
    [Theory]
    [InlineData("13812345678")]
    [InlineData("138 1234 5678")]
    [InlineData("138-1234-5678")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("+8613812345678")]
    [InlineData("8613812345678")]
    [InlineData("0086-138-1234-5678")]
    [InlineData("１３８１２３４５６７８")]
    public void Tolerated_forms_normalise_to_11_digits(string input)
    {
        var result = MobileNumber.Validate(input);
        Assert.True(result.IsValid, string.Join("; ", result.ErrorMessages));
        Assert.Equal("13812345678", result.Value);
    }

    [Theory]
    [InlineData("19912345678")]
    [InlineData("16612345678")]
    [InlineData("13000000000")]
    public void Prefixes_13_to_19_are_valid(string input) => Assert.Equal(input, MobileNumber.Validate(input).Value);

    [Theory]
    [InlineData(null, ProblemCodes.Required)]
    [InlineData(" ", ProblemCodes.Required)]
    [InlineData("1381234567", ProblemCodes.MobileFormat)] // 10 digits
    [InlineData("138123456789", ProblemCodes.MobileFormat)] // 12 digits
    [InlineData("12812345678", ProblemCodes.MobileFormat)]
    [InlineData("23812345678", ProblemCodes.MobileFormat)]
    [InlineData("86123456789", ProblemCodes.MobileFormat)] // 11 digits: no 86 prefix to strip
    [InlineData("+85291234567", ProblemCodes.MobileFormat)] // Hong Kong
    [InlineData("138.1234.5678", ProblemCodes.MobileFormat)]
    [InlineData("023-48612345", ProblemCodes.MobileFormat)] // Qijiang landline
    [InlineData("1٣812345678", ProblemCodes.MobileFormat)] // an Arabic-Indic digit is not a digit here
    public void Refused(string? input, string code)
    {
        var result = MobileNumber.Validate(input);
        Assert.False(result.IsValid);
        Assert.Equal(code, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void An_86_that_is_not_a_prefix_is_kept() =>
        Assert.StartsWith("A mobile number starts with 13 to 19",
            Assert.Single(MobileNumber.Validate("86123456789").Errors).Message);

    [Theory]
    [InlineData("1381234567")]
    [InlineData("12812345678")]
    [InlineData("+85291234567")]
    public void Messages_never_contain_the_number(string input) =>
        Assert.DoesNotContain(input[3..], Assert.Single(MobileNumber.Validate(input).Errors).Message);

    [Fact]
    public void Any_1_3to9_plus_9_digits_is_valid_in_any_tolerated_dress() =>
        Gen.Select(Gen.Char['3', '9'], Reference.Digits(9), Gen.OneOf("", "+86", "86", "0086", "+86 "), Gen.OneOf("", " ", "-"))
            .Sample((second, rest, prefix, separator) =>
            {
                var number = "1" + second + rest;
                var dressed = prefix + number[..3] + separator + number[3..7] + separator + number[7..];
                return MobileNumber.Validate(dressed).Value == number;
            });
}
