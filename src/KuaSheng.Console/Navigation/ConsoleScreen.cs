using System.Collections.Frozen;
using System.Reflection;
using KuaSheng.Console.Localization;
using KuaSheng.Domain.Access;

namespace KuaSheng.Console.Navigation;

/// <summary>
/// A screen of the console as the navigation shows it: where it is, its title, its place in the menu, and who may use
/// it — a predicate over the <see cref="Caller"/> that calls the Domain's access rules (<see cref="CaseAccess"/>,
/// <see cref="UnitAccess"/>), never a copy of one. A page declares its screen as a <c>public static readonly
/// ConsoleScreen Screen</c> field; <see cref="ConsolePageModel"/> refuses the page to whoever <see cref="MayUse"/>
/// refuses, and the navigation lists the screens the caller may use. A new screen needs no other file changed.
/// </summary>
/// <param name="Order">Menu position: window 10-29, officer 30-49, search and ledgers 50-69, supervisor 70-89, operator 90+.</param>
public sealed record ConsoleScreen(string Path, Text Title, int Order, Func<Caller, bool> MayUse)
{
    /// <summary>For everybody, signed in or not (公众查询); <see cref="MayUse"/> is not asked.</summary>
    public bool OpenToAll { get; init; }

    public bool Admits(Caller? caller) => OpenToAll || (caller is not null && MayUse(caller));
}

/// <summary>Every screen declared by a page of this assembly, in menu order.</summary>
public static class ConsoleScreens
{
    public static readonly IReadOnlyList<ConsoleScreen> All = typeof(ConsoleScreens).Assembly.GetTypes()
        .Select(DeclaredBy).OfType<ConsoleScreen>().OrderBy(s => s.Order).ToList();

    private static readonly FrozenDictionary<Type, ConsoleScreen?> ByType = typeof(ConsoleScreens).Assembly.GetTypes()
        .ToFrozenDictionary(t => t, DeclaredBy);

    /// <summary>What <paramref name="caller"/> may use; for nobody, the screens open to all.</summary>
    public static IEnumerable<ConsoleScreen> For(Caller? caller) => All.Where(s => s.Admits(caller));

    /// <summary>The screen a page model declares, if any.</summary>
    public static ConsoleScreen? Of(Type pageModel) => ByType.GetValueOrDefault(pageModel);

    private static ConsoleScreen? DeclaredBy(Type type) =>
        type.GetField("Screen", BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)?.GetValue(null) as ConsoleScreen;
}
