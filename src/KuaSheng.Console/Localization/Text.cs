using System.Globalization;

namespace KuaSheng.Console.Localization;

/// <summary>A resource string of the console in its two languages: Chinese (zh-CN, the default) and English. Declared as
/// static fields, one partial class <see cref="T"/> file per screen (so that screens added side by side do not
/// share a file), and shown with <see cref="ToString"/> in the request's language (<see cref="ConsoleLanguage"/>).</summary>
public sealed record Text(string Zh, string En)
{
    /// <summary>In the current UI culture: English for <c>en*</c>, else Chinese.</summary>
    public override string ToString() => ConsoleLanguage.IsEnglish(CultureInfo.CurrentUICulture) ? En : Zh;

    /// <summary>With arguments (<c>{0}</c>) in the current language.</summary>
    public string Format(params object?[] args) => string.Format(CultureInfo.CurrentCulture, ToString(), args);
}

/// <summary>The console's strings; see <see cref="Text"/>.</summary>
public static partial class T;
