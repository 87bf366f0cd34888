using CsCheck;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Domain.Tests.Validation;

public class PostalOperatorTests
{
    [Theory]
    [InlineData("EA123456785CN", "China Post")]
    [InlineData("ea 123 456 785 cn", "China Post")]
    [InlineData("RR473124829GB", "GB")]
    public void An_S10_number_names_the_operator_of_its_last_two_letters(string waybill, string expected) =>
        Assert.Contains(expected, PostalOperator.OfWaybill(waybill));

    [Theory]
    [InlineData("1012345678901")] // domestic: issued by several carriers
    [InlineData("EA123456784CN")] // wrong check digit
    [InlineData("")]
    [InlineData(null)]
    public void Other_numbers_name_none(string? waybill) => Assert.Null(PostalOperator.OfWaybill(waybill));

    [Fact]
    public void A_carrier_given_is_kept_and_a_blank_one_falls_back_to_the_number()
    {
        Assert.Equal("SF Express", PostalOperator.CarrierOf(" SF Express ", "EA123456785CN"));
        Assert.Contains("China Post", PostalOperator.CarrierOf("  ", "EA123456785CN"));
        Assert.Null(PostalOperator.CarrierOf(null, "1012345678901"));
    }

    [Fact]
    public void Every_valid_S10_number_of_China_names_China_Post() =>
        Gen.Int[0, 99_999_999].Sample(serial =>
        {
            var digits = serial.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            var number = "EA" + digits + WaybillNumber.ComputeS10CheckDigit(digits) + "CN";
            return PostalOperator.OfWaybill(number) is { } name && name.Contains("China Post", StringComparison.Ordinal);
        });
}
