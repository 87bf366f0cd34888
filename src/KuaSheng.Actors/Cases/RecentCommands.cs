namespace KuaSheng.Actors.Cases;

/// <summary>What a case knows of a command it applied: the hash of the request that carried it (null: none was given,
/// or the journal row predates them), the sequence number of its journal row (0: known only from a snapshot) and when
/// it was decided (null: unknown).</summary>
public sealed record RecentCommand(string? RequestHash, long SequenceNr, DateTimeOffset? At)
{
    /// <summary>The same command with the same request, as far as the case can tell.</summary>
    public bool SameRequest(string? requestHash) => requestHash is null || RequestHash is null || requestHash == RequestHash;
}

/// <summary>The last N commands a case applied, oldest forgotten first: a repeated command id is answered again
/// (as it was answered the first time) instead of applied twice, without growing forever.</summary>
internal sealed class RecentCommands(int capacity)
{
    private readonly Queue<string> _order = new();
    private readonly Dictionary<string, RecentCommand> _known = new(StringComparer.Ordinal);

    public bool TryGet(string commandId, out RecentCommand command) => _known.TryGetValue(commandId, out command!);

    public void Add(string commandId, RecentCommand command)
    {
        if (_known.TryAdd(commandId, command)) _order.Enqueue(commandId);
        else _known[commandId] = command;
        if (_order.Count > capacity) _known.Remove(_order.Dequeue());
    }

    public IReadOnlyList<string> Ids() => _order.ToList();

    /// <summary>The ids a snapshot kept: known to be applied, nothing more.</summary>
    public void Load(IEnumerable<string> ids)
    {
        foreach (var id in ids) Add(id, new RecentCommand(null, 0, null));
    }
}
