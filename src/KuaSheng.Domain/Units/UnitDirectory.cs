using System.Collections.Immutable;

namespace KuaSheng.Domain.Units;

/// <summary>
/// Every unit the service knows: built-in Qijiang and Chongqing units plus external units registered at run time.
/// Immutable: registering returns a new directory, so a reader never sees half an update.
/// </summary>
public sealed class UnitDirectory
{
    private readonly ImmutableDictionary<string, Unit> _byId;
    private readonly ImmutableList<Unit> _ordered;

    private UnitDirectory(ImmutableList<Unit> ordered)
    {
        _ordered = ordered;
        _byId = ordered.ToImmutableDictionary(u => u.Id, StringComparer.Ordinal);
    }

    public static UnitDirectory Of(IEnumerable<Unit> units)
    {
        var list = units.ToImmutableList();
        var duplicate = list.GroupBy(u => u.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Unit id {duplicate.Key} appears twice.");
        return new UnitDirectory(list);
    }

    public IReadOnlyList<Unit> All => _ordered;

    public Unit? Find(string id) => _byId.GetValueOrDefault(id);

    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>External units registered for an item (they take legs for their own region).</summary>
    public IEnumerable<Unit> ExternalUnitsFor(string itemCode) =>
        _ordered.Where(u => u.IsExternal && u.CanDecide && u.Items.Contains(itemCode));

    /// <summary>Adds or replaces a unit (an operator re-registering an external unit changes its items).</summary>
    public UnitDirectory With(Unit unit)
    {
        var index = _ordered.FindIndex(u => u.Id == unit.Id);
        return new UnitDirectory(index < 0 ? _ordered.Add(unit) : _ordered.SetItem(index, unit));
    }

    public IEnumerable<Unit> Search(string? text, string? region, UnitLevel? level) =>
        _ordered.Where(u =>
            (string.IsNullOrWhiteSpace(text) || u.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                                             || u.Id.Contains(text, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrWhiteSpace(region) || u.Region.StartsWith(region, StringComparison.Ordinal))
            && (level is null || u.Level == level));
}
