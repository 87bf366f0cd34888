using KuaSheng.Domain.Validation;

namespace KuaSheng.Domain.Tests.Validation;

public class ValidationResultTests
{
    private static readonly FieldProblem Error = new("x-error", "An error (错误)");
    private static readonly FieldProblem Warning = new("x-warning", "A warning (提醒)", IsWarning: true);

    [Fact]
    public void Ok_with_warnings_is_valid_and_keeps_the_value()
    {
        var result = ValidationResult.Ok("V", Warning);
        Assert.True(result.IsValid);
        Assert.Equal("V", result.Value);
        Assert.Equal([Warning], result.Warnings);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void From_fails_on_any_error_and_drops_the_value()
    {
        var result = ValidationResult.From("V", [Warning, Error]);
        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Equal([Warning, Error], result.Problems);
        Assert.Equal(["An error (错误)"], result.ErrorMessages);
    }

    [Fact]
    public void Misuse_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ValidationResult.Ok("V", Error));
        Assert.Throws<ArgumentException>(() => ValidationResult.Fail(Warning));
        Assert.Throws<ArgumentException>(() => ValidationResult.Fail());
    }
}
