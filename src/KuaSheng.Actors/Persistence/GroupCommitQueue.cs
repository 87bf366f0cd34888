using System.Threading.Channels;

namespace KuaSheng.Actors.Persistence;

/// <summary>
/// The group commit of SQLite's one writer: a queue drained by one loop that hands everything waiting (up to a weight)
/// to one commit at a time, so what queued during a commit goes into the next one and shares its sync
/// (<see cref="SqliteJournalWriter"/>; the API's write queue of its own tables).
/// </summary>
public sealed class GroupCommitQueue<T> : IAsyncDisposable
{
    private readonly Channel<T> _items = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<T>, Task> _commit;
    private readonly int _maxWeight;
    private readonly Func<T, int> _weight;
    private readonly Func<ValueTask> _closed;
    private readonly Task _loop;

    /// <param name="commit">Commits a batch; it must not fail (each item carries its own outcome) nor keep the list.</param>
    /// <param name="maxWeight">A batch takes items while its weight is below this (one item always, however heavy).</param>
    /// <param name="weight">An item's weight (default 1).</param>
    /// <param name="closed">Run once the queue is disposed and its last batch committed.</param>
    public GroupCommitQueue(Func<IReadOnlyList<T>, Task> commit, int maxWeight, Func<T, int>? weight = null, Func<ValueTask>? closed = null)
    {
        _commit = commit;
        _maxWeight = maxWeight;
        _weight = weight ?? (_ => 1);
        _closed = closed ?? (() => ValueTask.CompletedTask);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues <paramref name="item"/> for a coming commit; false once the queue is disposed.</summary>
    public bool TryQueue(T item) => _items.Writer.TryWrite(item);

    private async Task RunAsync()
    {
        var batch = new List<T>();
        while (await _items.Reader.WaitToReadAsync())
        {
            var weight = 0;
            while (weight < _maxWeight && _items.Reader.TryRead(out var item))
            {
                batch.Add(item);
                weight += _weight(item);
            }
            await _commit(batch);
            batch.Clear();
        }
        await _closed();
    }

    /// <summary>Takes no more items; the ones queued are committed first.</summary>
    public async ValueTask DisposeAsync()
    {
        _items.Writer.TryComplete();
        await _loop;
    }
}
