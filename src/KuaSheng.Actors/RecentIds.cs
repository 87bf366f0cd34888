namespace KuaSheng.Actors;

/// <summary>The last N command ids an entity processed, oldest forgotten first: enough to answer retries and
/// redeliveries again instead of applying them twice, without growing forever.</summary>
internal sealed class RecentIds(int capacity)
{
    private readonly Queue<string> _order = new();
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);

    public bool Contains(string id) => _set.Contains(id);

    public void Add(string id)
    {
        if (!_set.Add(id)) return;
        _order.Enqueue(id);
        if (_order.Count > capacity) _set.Remove(_order.Dequeue());
    }

    public IReadOnlyList<string> ToList() => _order.ToList();

    public void Load(IEnumerable<string> ids)
    {
        foreach (var id in ids) Add(id);
    }
}
