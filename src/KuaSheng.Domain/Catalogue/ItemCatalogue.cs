using System.Collections.Immutable;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Domain.Catalogue;

/// <summary>
/// 事项清单 with every version of every item (清单化管理制度和更新机制). Immutable: a change returns a new catalogue.
/// Codes are stable: a revision keeps the code and raises the version; retiring keeps the item for open cases.
/// </summary>
public sealed class ItemCatalogue
{
    private readonly ImmutableDictionary<string, ImmutableList<CatalogueItem>> _versions;
    private readonly ImmutableList<string> _order;

    private ItemCatalogue(ImmutableDictionary<string, ImmutableList<CatalogueItem>> versions, ImmutableList<string> order)
    {
        _versions = versions;
        _order = order;
    }

    public static ItemCatalogue Of(IEnumerable<CatalogueItem> items)
    {
        var catalogue = new ItemCatalogue(ImmutableDictionary<string, ImmutableList<CatalogueItem>>.Empty, []);
        foreach (var item in items)
        {
            var (next, refusal) = catalogue.Add(item);
            catalogue = next ?? throw new ArgumentException(refusal!.Message);
        }
        return catalogue;
    }

    /// <summary>The newest version of every item, in catalogue order.</summary>
    public IEnumerable<CatalogueItem> Current => _order.Select(code => _versions[code][^1]);

    public CatalogueItem? Find(string code) => _versions.TryGetValue(code, out var list) ? list[^1] : null;

    public CatalogueItem? Find(string code, int version) =>
        _versions.TryGetValue(code, out var list) ? list.Find(i => i.Version == version) : null;

    public (ItemCatalogue? Catalogue, Refusal? Refusal) Add(CatalogueItem item)
    {
        if (string.IsNullOrWhiteSpace(item.Code) || item.Code.Length > 50)
            return (null, Refusal.Invalid("code", "An item code is 1 to 50 characters."));
        if (_versions.ContainsKey(item.Code)) return (null, Refusal.Conflict($"Item {item.Code} already exists; revise it instead."));
        var first = item with { Version = 1, Status = ItemStatus.Active };
        return (new ItemCatalogue(_versions.Add(item.Code, [first]), _order.Add(item.Code)), null);
    }

    /// <summary>A new version of an existing item; cases already submitted keep theirs.</summary>
    public (ItemCatalogue? Catalogue, Refusal? Refusal) Revise(CatalogueItem revised)
    {
        if (!_versions.TryGetValue(revised.Code, out var list)) return (null, Refusal.NotFound($"Item {revised.Code}"));
        var next = revised with { Version = list[^1].Version + 1, Status = list[^1].Status };
        return (new ItemCatalogue(_versions.SetItem(revised.Code, list.Add(next)), _order), null);
    }

    /// <summary>No new cases for a retired item; open ones go on under their version.</summary>
    public (ItemCatalogue? Catalogue, Refusal? Refusal) Retire(string code)
    {
        if (!_versions.TryGetValue(code, out var list)) return (null, Refusal.NotFound($"Item {code}"));
        if (list[^1].Status == ItemStatus.Retired) return (this, null);
        var next = list[^1] with { Version = list[^1].Version + 1, Status = ItemStatus.Retired };
        return (new ItemCatalogue(_versions.SetItem(code, list.Add(next)), _order), null);
    }
}
