using System.Globalization;
using System.Text.RegularExpressions;
using KuaSheng.Domain.Validation;
using Serilog.Events;

namespace KuaSheng.Host.Logging;

/// <summary>
/// What the log masking hides, in the formats of <see cref="PersonalDataMask"/>:
/// <list type="bullet">
/// <item>any 18-character resident ID number (17 digits and a digit or X) in any text: <c>500110********123X</c>;</item>
/// <item>any mainland mobile number (1[3-9] and 9 digits, also with +86/0086/86 and spaces or dashes): <c>138****5678</c>;</item>
/// <item>whole values of properties whose names say what they hold: <c>*Name</c>, <c>applicant</c>, <c>agent</c> (name),
/// <c>*IdNumber</c> (ID number), <c>*Phone</c>, <c>*Mobile</c> (mobile), at any depth of a destructured object.</item>
/// </list>
/// A full name inside free text cannot be recognised; names must be logged as properties, never pasted into text.
/// </summary>
public static partial class PersonalDataRedactor
{
    // Not part of a longer run of digits, so order numbers and timestamps keep their shape.
    [GeneratedRegex(@"(?<!\d)\d{17}[\dXx](?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex IdNumberPattern();

    [GeneratedRegex(@"(?<!\d)(?<prefix>(?:\+|00)?86[ -]?)?(?<a>1[3-9]\d)[ -]?(?<b>\d{4})[ -]?(?<c>\d{4})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex MobilePattern();

    /// <summary>Property names that end in "Name" but never hold a person's name.</summary>
    private static readonly HashSet<string> TechnicalNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "TypeName", "MachineName", "EnvironmentName", "EnvName", "ApplicationName", "HostName", "Hostname", "EventName", "SystemName",
        "ActorSystemName", "ClassName", "MethodName", "ProviderName", "ActionName", "RouteName", "EndpointName", "ShardName",
        "RegionName", "ItemName", "UnitName", "FileName", "ConfigName", "DatabaseName", "SchemaName", "TableName", "HeaderName",
        "ParameterName", "PropertyName", "CategoryName", "SourceName", "LoggerName", "ThreadName", "ProcessName", "ServiceName",
    };

    /// <summary>Masks every ID-number-shaped and mobile-shaped substring; returns the same instance when there is none.</summary>
    public static string MaskText(string text)
    {
        if (string.IsNullOrEmpty(text) || !HasManyDigits(text)) return text;
        var masked = IdNumberPattern().Replace(text, m => PersonalDataMask.IdNumber(m.Value));
        masked = MobilePattern().Replace(masked, m =>
            m.Groups["prefix"].Value + PersonalDataMask.Mobile(m.Groups["a"].Value + m.Groups["b"].Value + m.Groups["c"].Value));
        return string.Equals(masked, text, StringComparison.Ordinal) ? text : masked;
    }

    /// <summary>What kind of personal data a property of this name holds, by the naming rule; null when the name says nothing.</summary>
    public static PersonalDataKind? KindOf(string propertyName)
    {
        var name = propertyName.TrimStart('@', '$');
        if (name.Length == 0) return null;
        if (name.EndsWith("IdNumber", StringComparison.OrdinalIgnoreCase) || name.Equals("idNo", StringComparison.OrdinalIgnoreCase))
            return PersonalDataKind.IdNumber;
        if (name.EndsWith("Phone", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Mobile", StringComparison.OrdinalIgnoreCase))
            return PersonalDataKind.Mobile;
        if (name.Equals("applicant", StringComparison.OrdinalIgnoreCase) || name.Equals("agent", StringComparison.OrdinalIgnoreCase))
            return PersonalDataKind.Name;
        if (name.EndsWith("Name", StringComparison.OrdinalIgnoreCase) && !TechnicalNames.Contains(name))
            return PersonalDataKind.Name;
        return null;
    }

    /// <summary>The value of a property called <paramref name="propertyName"/>, masked; the same instance when nothing changed.</summary>
    public static LogEventPropertyValue Mask(string propertyName, LogEventPropertyValue value) =>
        // Microsoft.Extensions.Logging's EventId {Id, Name} names an event, not a person.
        propertyName == "EventId" ? Mask(null, value, byName: false) : Mask(KindOf(propertyName), value, byName: true);

    private static LogEventPropertyValue Mask(PersonalDataKind? kind, LogEventPropertyValue value, bool byName)
    {
        switch (value)
        {
            case ScalarValue { Value: null }:
                return value;
            case ScalarValue scalar when kind is { } k:
                return new ScalarValue(PersonalDataMask.Mask(ScalarText(scalar.Value), k));
            case ScalarValue { Value: string s }:
                var masked = MaskText(s);
                return ReferenceEquals(masked, s) ? value : new ScalarValue(masked);
            case ScalarValue { Value: long or ulong or decimal or double or int or uint } number:
                // 13812345678 logged as a number renders as digits all the same.
                var digits = ScalarText(number.Value);
                var maskedDigits = MaskText(digits);
                return ReferenceEquals(maskedDigits, digits) ? value : new ScalarValue(maskedDigits);
            case ScalarValue:
                return value;
            case StructureValue structure:
            {
                var changed = false;
                var properties = new List<LogEventProperty>(structure.Properties.Count);
                foreach (var property in structure.Properties)
                {
                    // A member of a structure follows its own name: "applicant: {name, phone}" masks each member by its name.
                    var maskedValue = Mask(byName ? KindOf(property.Name) : null, property.Value, byName);
                    changed |= !ReferenceEquals(maskedValue, property.Value);
                    properties.Add(ReferenceEquals(maskedValue, property.Value) ? property : new LogEventProperty(property.Name, maskedValue));
                }
                return changed ? new StructureValue(properties, structure.TypeTag) : value;
            }
            case SequenceValue sequence:
            {
                var changed = false;
                var elements = new List<LogEventPropertyValue>(sequence.Elements.Count);
                foreach (var element in sequence.Elements)
                {
                    var maskedValue = Mask(kind, element, byName);
                    changed |= !ReferenceEquals(maskedValue, element);
                    elements.Add(maskedValue);
                }
                return changed ? new SequenceValue(elements) : value;
            }
            case DictionaryValue dictionary:
            {
                var changed = false;
                var entries = new List<KeyValuePair<ScalarValue, LogEventPropertyValue>>(dictionary.Elements.Count);
                foreach (var (key, element) in dictionary.Elements)
                {
                    var keyKind = byName && key.Value is string keyName ? KindOf(keyName) : null;
                    var maskedKey = (ScalarValue)Mask(null, key, byName: false);
                    var maskedValue = Mask(keyKind, element, byName);
                    changed |= !ReferenceEquals(maskedValue, element) || !ReferenceEquals(maskedKey, key);
                    entries.Add(new(maskedKey, maskedValue));
                }
                return changed ? new DictionaryValue(entries) : value;
            }
            default:
                return value;
        }
    }

    private static string ScalarText(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Cheap pre-check: only text with 11 or more digits can hold an ID number or a mobile number.</summary>
    private static bool HasManyDigits(string text)
    {
        var digits = 0;
        foreach (var c in text)
            if (char.IsAsciiDigit(c) && ++digits >= 11) return true;
        return false;
    }
}
