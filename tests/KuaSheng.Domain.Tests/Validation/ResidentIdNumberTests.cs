using KuaSheng.Domain.Validation;

namespace KuaSheng.Domain.Tests.Validation;

public class ResidentIdNumberTests
{
    private static ValidationResult Validate(string? id) => ResidentIdNumber.Validate(id, Reference.Today);

    [Theory]
    [InlineData("11010519491231002X")] // the example in GB 11643 itself
    [InlineData("500110199003071232")] // Qijiang
    [InlineData("500222198511234567")]
    [InlineData("500110200101010025")]
    [InlineData("810000199001010019")] // Hong Kong resident's residence permit
    [InlineData("830000199510100024")] // Taiwan resident's residence permit
    [InlineData("500110190001010013")] // born on the earliest accepted day
    [InlineData("500110202506300011")] // born today
    public void Valid_numbers_pass_unchanged(string id)
    {
        var result = Validate(id);
        Assert.True(result.IsValid, string.Join("; ", result.ErrorMessages));
        Assert.Equal(id, result.Value);
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData("11010519491231002x")]
    [InlineData("  11010519491231002X\t")]
    [InlineData("１１０１０５１９４９１２３１００２ｘ")] // full-width, as a Chinese IME types it
    public void Input_is_normalised(string input) => Assert.Equal("11010519491231002X", Validate(input).Value);

    [Theory]
    [InlineData(null, ProblemCodes.Required)]
    [InlineData("", ProblemCodes.Required)]
    [InlineData("   ", ProblemCodes.Required)]
    [InlineData("500110199003071232500110199003071232500110199003071", ProblemCodes.TooLong)]
    [InlineData("110105491231002", ProblemCodes.IdNumberLegacy15)]
    [InlineData("50011019900307123", ProblemCodes.IdNumberFormat)] // 17
    [InlineData("5001101990030712321", ProblemCodes.IdNumberFormat)] // 19
    [InlineData("50011019900307123Y", ProblemCodes.IdNumberFormat)]
    [InlineData("5001101990O3071232", ProblemCodes.IdNumberFormat)] // letter O
    [InlineData("X00110199003071232", ProblemCodes.IdNumberFormat)]
    [InlineData("500110199003071233", ProblemCodes.IdNumberCheckDigit)]
    [InlineData("500110199003071237", ProblemCodes.IdNumberCheckDigit)]
    [InlineData("990110199001010015", ProblemCodes.IdNumberRegion)]
    [InlineData("710000199001010015", ProblemCodes.IdNumberRegion)] // Taiwan's GB/T 2260 code is never issued
    [InlineData("500110199002300013", ProblemCodes.IdNumberBirthDate)] // 30 February
    [InlineData("500110203001010013", ProblemCodes.IdNumberBirthDate)] // future
    [InlineData("500110202507010016", ProblemCodes.IdNumberBirthDate)] // tomorrow
    [InlineData("440524188001010014", ProblemCodes.IdNumberBirthDate)] // GB 11643's own 1880 example
    [InlineData("500110189912310019", ProblemCodes.IdNumberBirthDate)]
    public void Invalid_numbers_give_exactly_this_error(string? id, string code)
    {
        var result = Validate(id);
        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Equal(code, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Check_digit_message_names_the_expected_character()
    {
        var problem = Assert.Single(Validate("500110199003071233").Errors);
        Assert.StartsWith("The ID number's last character should be 2, not 3", problem.Message);
        Assert.Contains("身份证号码校验码错误，应为2", problem.Message);
    }

    [Fact]
    public void Legacy_number_is_told_to_use_the_18_digit_one() =>
        Assert.Contains("18-digit", Assert.Single(Validate("110105491231002").Errors).Message);

    [Fact]
    public void Independent_problems_are_all_reported()
    {
        // Unknown region, impossible date and a wrong check character at once.
        var codes = Validate("990110199002300010").Errors.Select(e => e.Code).ToArray();
        Assert.Equal([ProblemCodes.IdNumberRegion, ProblemCodes.IdNumberBirthDate, ProblemCodes.IdNumberCheckDigit], codes);
    }

    [Theory]
    [InlineData("500110199003071232")]
    [InlineData("110105491231002")]
    [InlineData("50011019900307123")]
    [InlineData("990110199002300010")]
    public void Messages_never_contain_the_number(string id)
    {
        foreach (var problem in Validate(id).Problems)
            Assert.DoesNotContain(id[..^1], problem.Message);
    }

    [Fact]
    public void A_plugged_in_region_list_replaces_the_default()
    {
        var qijiangOnly = new HashSet<string> { "500110" };
        Assert.True(ResidentIdNumber.Validate("500110199003071232", Reference.Today, qijiangOnly.Contains).IsValid);
        var other = ResidentIdNumber.Validate("11010519491231002X", Reference.Today, qijiangOnly.Contains);
        Assert.Equal(ProblemCodes.IdNumberRegion, Assert.Single(other.Errors).Code);
        Assert.Contains("110105", other.Errors[0].Message);
    }

    [Fact]
    public void Helpers_read_birth_date_sex_and_region()
    {
        Assert.Equal(new DateOnly(1949, 12, 31), ResidentIdNumber.BirthDate("11010519491231002X"));
        Assert.Equal(Sex.Female, ResidentIdNumber.Sex("11010519491231002X")); // 17th digit 2
        Assert.Equal(Sex.Male, ResidentIdNumber.Sex("500110199003071232")); // 17th digit 3
        Assert.Equal("500110", ResidentIdNumber.RegionPrefix("500110199003071232"));
        Assert.Equal("110105", ResidentIdNumber.RegionPrefix("11010519491231002x"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("110105491231002")]
    [InlineData("50011019900307123Y")]
    public void Helpers_answer_null_for_malformed_numbers(string? id)
    {
        Assert.Null(ResidentIdNumber.BirthDate(id));
        Assert.Null(ResidentIdNumber.Sex(id));
        Assert.Null(ResidentIdNumber.RegionPrefix(id));
    }

    [Fact]
    public void Birth_date_helper_is_null_for_an_impossible_date() =>
        Assert.Null(ResidentIdNumber.BirthDate("500110199002300013"));

    [Fact]
    public void Compute_check_character_refuses_bad_input()
    {
        Assert.Throws<ArgumentException>(() => ResidentIdNumber.ComputeCheckCharacter("1234"));
        Assert.Throws<ArgumentException>(() => ResidentIdNumber.ComputeCheckCharacter("5001101990030712X"));
    }
}
