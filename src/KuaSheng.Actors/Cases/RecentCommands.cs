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

    /// <summary>The ids, oldest first, and what is known of each, in the same order (for a snapshot).</summary>
    public (IReadOnlyList<string> Ids, IReadOnlyList<RecentCommand> Commands) ToLists() =>
        (_order.ToList(), _order.Select(id => _known[id]).ToList());

    /// <summary>What a snapshot kept; from a snapshot without <paramref name="commands"/>, each id is known as applied,
    /// nothing more.</summary>
    public void Load(IReadOnlyList<string> ids, IReadOnlyList<RecentCommand>? commands)
    {
        for (var i = 0; i < ids.Count; i++)
            Add(ids[i], commands is not null && i < commands.Count ? commands[i] : new RecentCommand(null, 0, null));
    }
}
