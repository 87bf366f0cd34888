using CsCheck;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Domain.Tests.Validation;

public class PersonalDataMaskTests
{
    [Theory]
    [InlineData("50011019900307123X", "500110********123X")]
    [InlineData("500110199003071232", "500110********1232")]
    [InlineData("110105491231002", "110105*****1002")] // legacy 15 digits
    [InlineData("50011019900307", "**************")] // too short to show ends
    [InlineData("123", "***")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Id_numbers(string? input, string expected) => Assert.Equal(expected, PersonalDataMask.IdNumber(input));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("+86 138 1234 5678", "+86**********5678")]
    [InlineData("1381234567", "**********")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Mobiles(string? input, string expected) => Assert.Equal(expected, PersonalDataMask.Mobile(input));

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("张三丰", "张**")]
    [InlineData("欧阳娜娜", "欧***")] // compound surname: only the first character is kept
    [InlineData("买买提·艾力", "买*****")]
    [InlineData("𠮷野家", "𠮷**")] // first character outside the BMP stays whole
    [InlineData(" 李四 ", "李*")]
    [InlineData("张", "*")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Names(string? input, string expected) => Assert.Equal(expected, PersonalDataMask.Name(input));

    [Fact]
    public void Free_text_is_left_alone() =>
        Assert.Equal("请于工作日来取件", PersonalDataMask.Mask("请于工作日来取件", PersonalDataKind.FreeText));

    [Fact]
    public void Mask_dispatches_by_kind()
    {
        Assert.Equal("138****5678", PersonalDataMask.Mask("13812345678", PersonalDataKind.Mobile));
        Assert.Equal("500110********1232", PersonalDataMask.Mask("500110199003071232", PersonalDataKind.IdNumber));
        Assert.Equal("张*", PersonalDataMask.Mask("张三", PersonalDataKind.Name));
        Assert.Equal("", PersonalDataMask.Mask(null, PersonalDataKind.FreeText));
    }

    [Fact]
    public void Id_mask_keeps_length_and_reveals_only_first_6_and_last_4() =>
        Gen.String.Sample(s => Reveals(PersonalDataMask.IdNumber(s), s, head: 6, tail: 4, minLength: 15));

    [Fact]
    public void Mobile_mask_keeps_length_and_reveals_only_first_3_and_last_4() =>
        Gen.String.Sample(s => Reveals(PersonalDataMask.Mobile(s), s, head: 3, tail: 4, minLength: 11));

    [Fact]
    public void Masked_valid_ids_hide_the_birth_date_and_sequence() =>
        Reference.ValidId.Sample(id => PersonalDataMask.IdNumber(id) == id[..6] + "********" + id[^4..]);

    [Fact]
    public void Name_mask_keeps_at_most_one_character() =>
        Gen.String.Sample(s =>
        {
            var masked = PersonalDataMask.Name(s);
            return masked.TrimStart(PersonalDataMask.MaskCharacter) == "" || masked.TrimEnd(PersonalDataMask.MaskCharacter).Length <= 2;
        });

    // Same length; outside the kept ends (or everywhere, when short) only mask characters.
    private static bool Reveals(string masked, string input, int head, int tail, int minLength)
    {
        if (masked.Length != input.Length)
            return false;
        var keepEnds = input.Length >= minLength;
        for (var i = 0; i < input.Length; i++)
        {
            var kept = keepEnds && (i < head || i >= input.Length - tail);
            if (masked[i] != (kept ? input[i] : PersonalDataMask.MaskCharacter))
                return false;
        }
        return true;
    }
}
