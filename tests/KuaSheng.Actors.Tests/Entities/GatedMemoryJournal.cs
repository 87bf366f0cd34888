using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace KuaSheng.Actors.Tests.Entities;

/// <summary>The in-memory journal, except that the replay of a persistence id with a closed gate, or a write to it,
/// waits until the test opens the gate: a test can then put requests into an entity's mailbox while it is certainly
/// still recovering (sending them right after <c>ActorOf</c> races the replay on a loaded machine), or while a write is
/// certainly under way.</summary>
public sealed class GatedMemoryJournal : MemoryJournal
{
    public const string PluginId = "akka.persistence.journal.gated";

    /// <summary>The plugin's settings, to be given to the TestKit.</summary>
    public const string Hocon = $$"""
        {{PluginId}} {
          class = "KuaSheng.Actors.Tests.Entities.GatedMemoryJournal, KuaSheng.Actors.Tests"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        """;

    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    /// <summary>Closes the gate of a persistence id (ids are unique across the test assembly).</summary>
    public static void Close(string persistenceId) =>
        Gates[persistenceId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Open(string persistenceId)
    {
        if (Gates.TryRemove(persistenceId, out var gate)) gate.TrySetResult();
    }

    protected override async Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        foreach (var id in writes.Select(w => w.PersistenceId).Distinct())
            if (Gates.TryGetValue(id, out var gate)) await gate.Task.ConfigureAwait(false);
        return await base.WriteMessagesAsync(writes, cancellationToken).ConfigureAwait(false);
    }

    public override async Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr,
        long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        if (Gates.TryGetValue(persistenceId, out var gate)) await gate.Task.ConfigureAwait(false);
        await base.ReplayMessagesAsync(context, persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback)
            .ConfigureAwait(false);
    }
}
