using CsCheck;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Domain.Tests.Validation;

public class WaybillNumberTests
{
    [Theory]
    [InlineData("RR473124829GB", "RR473124829GB")] // the example usually quoted with S10
    [InlineData("EA123456785CN", "EA123456785CN")]
    [InlineData("EA123456140CN", "EA123456140CN")] // check value 10 is written 0
    [InlineData("EA100000025CN", "EA100000025CN")] // check value 11 is written 5
    [InlineData("ea123456785cn", "EA123456785CN")]
    [InlineData("EA 123 456 785 CN", "EA123456785CN")]
    [InlineData("1012345678901", "1012345678901")] // domestic, 13 digits
    [InlineData(" 9876543210123 ", "9876543210123")]
    public void Accepted_and_normalised(string input, string expected)
    {
        var result = WaybillNumber.Validate(input);
        Assert.True(result.IsValid, string.Join("; ", result.ErrorMessages));
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData(null, ProblemCodes.Required)]
    [InlineData("EA123456784CN", ProblemCodes.WaybillCheckDigit)]
    [InlineData("EA123456145CN", ProblemCodes.WaybillCheckDigit)]
    [InlineData("EA12345678CN", ProblemCodes.WaybillFormat)]
    [InlineData("EA1234567855CN", ProblemCodes.WaybillFormat)]
    [InlineData("E1123456785CN", ProblemCodes.WaybillFormat)]
    [InlineData("EA12345678XCN", ProblemCodes.WaybillFormat)]
    [InlineData("101234567890", ProblemCodes.WaybillFormat)] // 12 digits
    [InlineData("SF1234567890123", ProblemCodes.WaybillFormat)]
    [InlineData("AB12CD34EF567", ProblemCodes.WaybillFormat)] // 13 alphanumerics, not S10
    public void Refused(string? input, string code)
    {
        var result = WaybillNumber.Validate(input);
        Assert.False(result.IsValid);
        Assert.Equal(code, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Check_digit_message_is_concrete() =>
        Assert.StartsWith("The waybill number's check digit (11th character) should be 5, not 4",
            Assert.Single(WaybillNumber.Validate("EA123456784CN").Errors).Message);

    [Fact]
    public void Any_S10_with_computed_check_is_valid() =>
        Reference.ValidS10.Sample(number => WaybillNumber.Validate(number).Value == number);

    [Fact]
    public void Any_S10_with_another_check_digit_is_refused() =>
        Gen.Select(Reference.ValidS10, Gen.Char['0', '9'])
            .Where((number, digit) => number[10] != digit)
            .Sample((number, digit) =>
            {
                var result = WaybillNumber.Validate(number[..10] + digit + number[11..]);
                return !result.IsValid && result.Errors.Single().Code == ProblemCodes.WaybillCheckDigit;
            });

    [Fact]
    public void Production_check_digit_matches_the_reference() =>
        Reference.Digits(8).Sample(serial => WaybillNumber.ComputeS10CheckDigit(serial) == Reference.S10Check(serial));
}
