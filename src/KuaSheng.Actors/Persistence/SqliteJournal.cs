using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Sql.Journal;
using Akka.Configuration;

namespace KuaSheng.Actors.Persistence;

/// <summary>
/// The node's journal on SQLite: Akka.Persistence.Sql's journal (its tables, replay, highest sequence numbers,
/// deletes) with its event writes group-committed by <see cref="SqliteJournalWriter"/> in the plugin's own row format
/// (<see cref="JournalRows"/>), so the plugin's replay and read journal, and our projections, read them unchanged.
/// As the plugin does, a sequence-number read for an entity waits until that entity's write in flight is done.
/// PostgreSQL (the cluster) keeps the plugin's writer.
/// </summary>
public sealed class SqliteJournal : SqlWriteJournal
{
    /// <summary>The journal config's key for the journal file's connection string.</summary>
    public const string ConnectionStringKey = "kuasheng-sqlite-connection-string";

    private sealed record WriteDone(string PersistenceId, Task Write);

    private readonly Dictionary<string, Task> _writesInProgress = new(StringComparer.Ordinal);
    private readonly SqliteJournalWriter _writer;
    private readonly Akka.Serialization.Serialization _serialization;

    public SqliteJournal(Config journalConfig) : base(journalConfig)
    {
        _writer = new SqliteJournalWriter(journalConfig.GetString(ConnectionStringKey)
            ?? throw new ConfigurationException($"The SQLite journal needs {ConnectionStringKey}."));
        _serialization = Context.System.Serialization;
    }

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var timestamp = DateTime.UtcNow.Ticks;
        var writes = messages as IReadOnlyList<AtomicWrite> ?? messages.ToList();
        var rows = new List<JournalRow>(writes.Count);
        Exception?[]? rejections = null;
        for (var i = 0; i < writes.Count; i++)
        {
            var (written, rejection) = JournalRows.Of(writes[i], _serialization, timestamp);
            if (written is null) (rejections ??= new Exception?[writes.Count])[i] = rejection;
            else rows.AddRange(written);
        }
        var write = WriteAsync(rows.ToArray(), rejections);

        var persistenceId = writes[0].PersistenceId;
        _writesInProgress[persistenceId] = write;
        var self = Self;
        write.ContinueWith(done => self.Tell(new WriteDone(persistenceId, done)), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return write;
    }

    private async Task<IImmutableList<Exception>> WriteAsync(JournalRow[] rows, Exception?[]? rejections)
    {
        if (rows.Length > 0) await _writer.WriteAsync(rows);
        // null: nothing rejected (AsyncWriteJournal's happy path, without a list of nulls).
        return rejections is null ? null! : ImmutableList.CreateRange<Exception>(rejections!);
    }

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        // Whether the write succeeded or not: it must be over before the highest number is read.
        if (_writesInProgress.TryGetValue(persistenceId, out var write)) await write.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);
    }

    protected override bool ReceivePluginInternal(object message)
    {
        if (message is not WriteDone done) return base.ReceivePluginInternal(message);
        if (_writesInProgress.TryGetValue(done.PersistenceId, out var latest) && latest == done.Write) _writesInProgress.Remove(done.PersistenceId);
        return true;
    }

    protected override void PostStop()
    {
        base.PostStop();
        // The writes already queued are committed; their entities get their answers.
        _ = _writer.DisposeAsync().AsTask();
    }
}
