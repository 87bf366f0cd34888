using System.Text;

namespace KuaSheng.Domain;

/// <summary>Enum names as the API spells them: SupplementRequested → supplement-requested.</summary>
public static class Kebab
{
    public static string ToKebab<T>(this T value) where T : struct, Enum => ToKebab(value.ToString());

    public static string ToKebab(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0) sb.Append('-');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Parses a kebab-case name; unknown names answer false (never an enum number).</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrEmpty(text)) return false;
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(ToKebab(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        return false;
    }
}
