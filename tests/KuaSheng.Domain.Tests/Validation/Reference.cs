using CsCheck;

namespace KuaSheng.Domain.Tests.Validation;

/// <summary>
/// Check digits written again from the standards, differently from production (weights computed
/// from their formulas, the ID check solved from "sum ≡ 1 mod 11"), so a shared mistake is unlikely.
/// Plus generators for well-formed numbers.
/// </summary>
internal static class Reference
{
    public static readonly DateOnly Today = new(2025, 6, 30);

    public const string CreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public static readonly string[] Provinces =
    [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "81", "82", "83",
    ];

    // GB 11643: weight of position i (1-based) is 2^(18-i) mod 11; the full weighted sum, with the
    // check worth 1 and X worth 10, must be 1 mod 11.
    public static char IdCheck(string first17)
    {
        var sum = 0;
        for (var i = 1; i <= 17; i++)
            sum += (first17[i - 1] - '0') * (int)(Math.Pow(2, 18 - i) % 11);
        var check = ((1 - sum) % 11 + 11) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    // GB 32100: weights 3^(i-1) mod 31, check = 31 - sum mod 31, 31 written as 0.
    public static char CreditCheck(string first17)
    {
        var sum = 0;
        for (var i = 1; i <= 17; i++)
            sum += CreditAlphabet.IndexOf(first17[i - 1]) * (int)(Math.Pow(3, i - 1) % 31);
        var check = 31 - sum % 31;
        return CreditAlphabet[check == 31 ? 0 : check];
    }

    // UPU S10.
    public static char S10Check(string serial8)
    {
        int[] weights = [8, 6, 4, 2, 3, 5, 9, 7];
        var sum = serial8.Select((c, i) => (c - '0') * weights[i]).Sum();
        var check = 11 - sum % 11;
        return check == 10 ? '0' : check == 11 ? '5' : (char)('0' + check);
    }

    public static Gen<string> Digits(int count) => Gen.Char["0123456789"].Array[count].Select(a => new string(a));

    public static Gen<string> Letters(int count) => Gen.Char['A', 'Z'].Array[count].Select(a => new string(a));

    /// <summary>A valid ID: known province, any 4 digits, birth date 1900..today, any sequence, computed check.</summary>
    public static readonly Gen<string> ValidId =
        Gen.Select(Gen.OneOf(Provinces), Digits(4), Gen.DateOnly[new DateOnly(1900, 1, 1), Today], Digits(3),
            (province, county, birth, sequence) =>
            {
                var first17 = province + county + birth.ToString("yyyyMMdd") + sequence;
                return first17 + IdCheck(first17);
            });

    public static readonly Gen<string> CreditBody = Gen.Char[CreditAlphabet].Array[17].Select(a => new string(a));

    public static readonly Gen<string> ValidS10 =
        Gen.Select(Letters(2), Digits(8), Letters(2), (service, serial, country) => service + serial + S10Check(serial) + country);
}
