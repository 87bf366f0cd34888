using System.Text;

namespace KuaSheng.Domain;

/// <summary>Enum names as the API spells them: SupplementRequested → supplement-requested.</summary>
public static class Kebab
{
    public static string ToKebab<T>(this T value) where T : struct, Enum =>
        Names<T>.ByValue.TryGetValue(value, out var name) ? name : ToKebab(value.ToString());

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
        return !string.IsNullOrEmpty(text) && Names<T>.ByName.TryGetValue(text, out value);
    }

    /// <summary>The names of an enum's defined values, worked out once (the read model and the API spell them for every
    /// row and answer). A name shared by two values (an alias) stands for the first, in <see cref="Enum.GetValues{T}"/>'s order.</summary>
    private static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ByValue = [];
        public static readonly Dictionary<string, T> ByName = new(StringComparer.Ordinal);

        static Names()
        {
            foreach (var value in Enum.GetValues<T>())
            {
                var name = ToKebab(value.ToString());
                ByValue.TryAdd(value, name);
                ByName.TryAdd(name, value);
            }
        }
    }
}
