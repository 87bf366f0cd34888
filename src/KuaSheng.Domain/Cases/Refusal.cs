namespace KuaSheng.Domain.Cases;

/// <summary>A command that was not carried out, with a stable code (the API's problem code) and words for a clerk.
/// Refusals are values: a refused command changes nothing.</summary>
public sealed record Refusal(string Code, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static Refusal IllegalTransition(CaseStatus status, string step) =>
        new(RefusalCodes.IllegalTransition, $"A case that is {status.ToKebab()} cannot take the step '{step}'.");

    public static Refusal Invalid(string field, string message) =>
        new(RefusalCodes.ValidationFailed, message, new Dictionary<string, string[]> { [field] = [message] });

    public static Refusal NotFound(string what) => new(RefusalCodes.NotFound, $"{what} was not found.");

    public static Refusal Conflict(string message) => new(RefusalCodes.Conflict, message);

    public static Refusal Forbidden(string message) => new(RefusalCodes.Forbidden, message);
}

public static class RefusalCodes
{
    public const string ValidationFailed = "validation-failed";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not-found";
    public const string IllegalTransition = "illegal-transition";
    public const string Conflict = "conflict";
    public const string NoRoute = "no-route";
}
