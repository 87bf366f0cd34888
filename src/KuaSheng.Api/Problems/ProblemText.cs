using KuaSheng.Domain.Validation;

namespace KuaSheng.Api.Problems;

/// <summary>
/// What a problem may say of the request: the rule of <see cref="QuotedValue"/> (the domain's, shared with the console).
/// <see cref="Shown"/> is how a message quotes a value the client sent; <see cref="Redact"/> is the backstop every
/// problem passes through.
/// </summary>
public static class ProblemText
{
    /// <summary>Shown in place of a value that is not quoted.</summary>
    public const string NotShown = QuotedValue.NotShown;

    /// <inheritdoc cref="QuotedValue.Shown"/>
    public static string Shown(string? value) => QuotedValue.Shown(value);

    /// <inheritdoc cref="QuotedValue.Redact"/>
    public static string Redact(string text) => QuotedValue.Redact(text);
}
