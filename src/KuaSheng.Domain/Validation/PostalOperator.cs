namespace KuaSheng.Domain.Validation;

/// <summary>
/// The postal operator (寄递企业) that a UPU S10 waybill number names: its last two letters are the ISO 3166-1
/// country code of the issuing postal operator, so <c>…CN</c> is China Post / EMS (中国邮政). Used when a mailing
/// names no carrier; a carrier given is always kept. Domestic 13-digit numbers name no operator (several carriers
/// issue them), so the carrier stays unknown.
/// </summary>
public static class PostalOperator
{
    /// <summary>Names for the operators a Qijiang case meets most; any other country code is named by its code.</summary>
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["CN"] = "China Post/EMS (中国邮政)",
        ["HK"] = "Hongkong Post (香港邮政)",
        ["MO"] = "Macao Post (澳门邮电)",
        ["TW"] = "Chunghwa Post (中华邮政)",
    };

    /// <summary>The operator an S10 number names, or null when the number is not a valid S10 number.</summary>
    public static string? OfWaybill(string? waybillNumber)
    {
        if (WaybillNumber.Validate(waybillNumber) is not { IsValid: true, Value: { } number } || !WaybillNumber.IsS10Shape(number)) return null;
        var country = number[^2..];
        return Known.TryGetValue(country, out var name) ? name : $"postal operator of {country} (S10)";
    }

    /// <summary>The carrier to record: the one given (trimmed), else the operator the number names, else null (unknown).</summary>
    public static string? CarrierOf(string? givenCarrier, string? waybillNumber) =>
        string.IsNullOrWhiteSpace(givenCarrier) ? OfWaybill(waybillNumber) : givenCarrier.Trim();
}
