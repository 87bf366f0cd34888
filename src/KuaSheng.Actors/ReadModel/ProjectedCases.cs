using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.ReadModel;

/// <summary>
/// The case rows the running projection committed last, by case id, so that a batch starts from them instead of reading
/// them back (reading and rebuilding a case's rows for every batch that touched it was a quarter of a busy node's
/// allocations: docs/benchmarks.md, issue #12). Held only while one runner is the tables' one writer: forgotten when a
/// runner starts (<see cref="ProjectionStore.LoadOffsetAsync"/>: another node may have written since, or this one failed
/// a batch) and at a reset; rows enter only after their batch committed. Bounded: past <see cref="Capacity"/> cases it
/// starts again empty (the busy cases come back with their next batch).
/// </summary>
internal sealed class ProjectedCases
{
    public const int Capacity = 4096;

    private readonly Dictionary<string, (CaseSummary Summary, long Version)> _rows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The cached rows of <paramref name="caseIds"/>; the ids not cached go to <paramref name="missing"/>.</summary>
    public Dictionary<string, (CaseSummary Summary, long Version)> Find(IReadOnlyList<string> caseIds, List<string> missing)
    {
        var found = new Dictionary<string, (CaseSummary Summary, long Version)>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var id in caseIds)
                if (_rows.TryGetValue(id, out var row)) found[id] = row;
                else missing.Add(id);
        }
        return found;
    }

    /// <summary>Rows a batch committed.</summary>
    public void Committed(IEnumerable<KeyValuePair<string, (CaseSummary Summary, long Version)?>> rows)
    {
        lock (_lock)
        {
            foreach (var (caseId, row) in rows)
            {
                if (row is not { } r) continue;
                if (_rows.Count >= Capacity && !_rows.ContainsKey(caseId)) _rows.Clear();
                _rows[caseId] = r;
            }
        }
    }

    public void Forget()
    {
        lock (_lock) _rows.Clear();
    }
}
