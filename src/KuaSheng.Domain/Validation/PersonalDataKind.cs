namespace KuaSheng.Domain.Validation;

/// <summary>What a value is, for <see cref="PersonalDataMask.Mask"/>.</summary>
public enum PersonalDataKind
{
    IdNumber,
    Mobile,
    Name,
    /// <summary>Other free text: not masked (it is not scanned for numbers either).</summary>
    FreeText,
}
