using System.Diagnostics.CodeAnalysis;

namespace KuaSheng.Domain.Validation;

/// <summary>
/// Outcome of validating one field. Valid means no errors; warnings may still be present and
/// should be recorded on the case. <see cref="Value"/> is the normalised form (e.g. upper-case X,
/// mobile without +86) and is only given when valid, so nobody stores an unchecked value by mistake.
/// </summary>
public sealed class ValidationResult
{
    private ValidationResult(string? value, IReadOnlyList<FieldProblem> problems)
    {
        Value = value;
        Problems = problems;
        Errors = problems.Where(p => !p.IsWarning).ToArray();
        Warnings = problems.Where(p => p.IsWarning).ToArray();
    }

    /// <summary>The normalised value; null unless <see cref="IsValid"/>.</summary>
    public string? Value { get; }

    /// <summary>Errors and warnings, in the order they were found.</summary>
    public IReadOnlyList<FieldProblem> Problems { get; }

    public IReadOnlyList<FieldProblem> Errors { get; }

    public IReadOnlyList<FieldProblem> Warnings { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Errors.Count == 0;

    /// <summary>Error messages only, as the API's <c>validation-failed</c> body lists them per field.</summary>
    public IReadOnlyList<string> ErrorMessages => Errors.Select(e => e.Message).ToArray();

    public static ValidationResult Ok(string value, params IEnumerable<FieldProblem> warnings)
    {
        ArgumentNullException.ThrowIfNull(value);
        var list = warnings.ToArray();
        if (list.Any(p => !p.IsWarning))
            throw new ArgumentException("Ok results carry warnings only.", nameof(warnings));
        return new ValidationResult(value, list);
    }

    public static ValidationResult Fail(params IEnumerable<FieldProblem> problems)
    {
        var list = problems.ToArray();
        if (list.All(p => p.IsWarning))
            throw new ArgumentException("A failed result needs at least one error.", nameof(problems));
        return new ValidationResult(null, list);
    }

    /// <summary>Ok with <paramref name="value"/> when <paramref name="problems"/> are all warnings, else failed.</summary>
    public static ValidationResult From(string value, IReadOnlyList<FieldProblem> problems) =>
        problems.Any(p => !p.IsWarning) ? Fail(problems) : Ok(value, problems);
}
