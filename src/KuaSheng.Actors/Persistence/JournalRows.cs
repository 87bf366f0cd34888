using System.Collections.Immutable;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Serialization;
using Akka.Util;

namespace KuaSheng.Actors.Persistence;

/// <summary>One event as the journal's SQLite table holds it (Akka.Persistence.Sql's <c>sqlite</c> mapping), with the
/// tags that go to its tag table.</summary>
internal sealed record JournalRow(string PersistenceId, long SequenceNr, long Timestamp, byte[] Payload, string Manifest, int SerializerId,
    IImmutableSet<string> Tags);

/// <summary>
/// The rows of an atomic write, made as Akka.Persistence.Sql 1.5.73 makes them (<c>ByteArrayJournalSerializer</c>), so
/// that the plugin's replay and read journal read what <see cref="SqliteJournalWriter"/> writes: a <see cref="Tagged"/>
/// payload is unwrapped into its tags; the payload is serialized by the serializer bound to its type, with that
/// serializer's string manifest (or the type's name when it asks for one, else empty); the timestamp is the event's own
/// or the write's (ticks).
/// </summary>
internal static class JournalRows
{
    /// <summary>The rows of <paramref name="write"/>, or the exception that rejects the whole write (an event that
    /// cannot be serialized: the write is rejected, the entity goes on).</summary>
    public static (JournalRow[]? Rows, Exception? Rejection) Of(AtomicWrite write, Akka.Serialization.Serialization serialization, long timestamp)
    {
        if (write.Payload is not IImmutableList<IPersistentRepresentation> events)
            return (null, new ArgumentNullException(nameof(write),
                $"{write.PersistenceId} received empty payload for sequenceNr range {write.LowestSequenceNr} - {write.HighestSequenceNr}"));
        try
        {
            var rows = new JournalRow[events.Count];
            for (var i = 0; i < rows.Length; i++) rows[i] = Row(events[i], serialization, timestamp);
            return (rows, null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
    }

    private static JournalRow Row(IPersistentRepresentation representation, Akka.Serialization.Serialization serialization, long timestamp)
    {
        var (payload, tags) = representation.Payload is Tagged tagged
            ? (tagged.Payload, tagged.Tags)
            : (representation.Payload, (IImmutableSet<string>)ImmutableHashSet<string>.Empty);
        var serializer = serialization.FindSerializerFor(payload);
        var manifest = serializer switch
        {
            SerializerWithStringManifest withManifest => withManifest.Manifest(payload),
            { IncludeManifest: true } => payload.GetType().TypeQualifiedName(),
            _ => string.Empty,
        };
        // As the plugin does: serialized "with the transport" of this system, so an actor reference in an event is
        // written with an address that resolves after a restart.
        var bytes = Akka.Serialization.Serialization.WithTransport(serialization.System, (serializer, payload), static s => s.serializer.ToBinary(s.payload));
        return new JournalRow(representation.PersistenceId, representation.SequenceNr, representation.Timestamp == 0 ? timestamp : representation.Timestamp,
            bytes, manifest, serializer.Identifier, tags);
    }
}
