using KuaSheng.Domain.Audit;

namespace KuaSheng.Domain.Tests.Audit;

public sealed class AuditTextTests
{
    [Theory]
    [InlineData("500110198506120029", "500110********0029")]
    [InlineData("user 52032219900307001X logged", "user 520322********001X logged")]
    [InlineData("13800138000", "138****8000")]
    [InlineData("qj-window", "qj-window")]
    [InlineData("akka.tcp://kuasheng@10.0.0.9:4100", "akka.tcp://kuasheng@10.0.0.9:4100")]
    [InlineData("QJKS20261201-0123456789ABCDEF", "QJKS20261201-0123456789ABCDEF")]
    [InlineData("", null)]
    public void Masks_id_numbers_and_mobiles_and_keeps_the_rest(string value, string? expected) =>
        Assert.Equal(expected, AuditText.Safe(value));

    [Fact]
    public void Cuts_long_values() => Assert.Equal(AuditText.MaxLength, AuditText.Safe(new string('a', 5000))!.Length);

    [Fact]
    public void A_longer_run_of_digits_is_not_taken_for_an_id_number() =>
        Assert.Equal("5001101985061200291", AuditText.Safe("5001101985061200291"));
}
