using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Domain.Intake;

/// <summary>Problems per field, collected so that a clerk sees every one at once.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public void AddAll(string field, ValidationResult result)
    {
        foreach (var message in result.ErrorMessages) Add(field, message);
    }

    public Refusal ToRefusal() => new(RefusalCodes.ValidationFailed,
        $"The application has {_errors.Sum(e => e.Value.Count)} problem(s): {string.Join("; ", _errors.Keys)}.",
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
