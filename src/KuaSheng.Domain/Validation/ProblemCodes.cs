namespace KuaSheng.Domain.Validation;

/// <summary>Stable problem codes (kebab-case). Clients branch on these, so never rename one.</summary>
public static class ProblemCodes
{
    public const string Required = "required";
    public const string TooLong = "too-long";

    public const string IdNumberFormat = "id-number-format";
    public const string IdNumberLegacy15 = "id-number-legacy-15";
    public const string IdNumberRegion = "id-number-region";
    public const string IdNumberBirthDate = "id-number-birth-date";
    public const string IdNumberCheckDigit = "id-number-check-digit";

    public const string CreditCodeFormat = "credit-code-format";
    /// <summary>Always a warning: some real, registered codes fail the check.</summary>
    public const string CreditCodeCheck = "credit-code-check";

    public const string MobileFormat = "mobile-format";

    public const string WaybillFormat = "waybill-format";
    public const string WaybillCheckDigit = "waybill-check-digit";
}
