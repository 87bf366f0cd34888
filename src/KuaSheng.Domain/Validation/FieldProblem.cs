namespace KuaSheng.Domain.Validation;

/// <summary>
/// One thing wrong with a field. <paramref name="Code"/> is stable and machine-readable (see
/// <see cref="ProblemCodes"/>); <paramref name="Message"/> is for the window clerk: English first,
/// Chinese in brackets, never the whole ID number or phone. A warning is recorded, not refused.
/// </summary>
public sealed record FieldProblem(string Code, string Message, bool IsWarning = false);
