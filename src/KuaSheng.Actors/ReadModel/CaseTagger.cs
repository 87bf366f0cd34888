using System.Collections.Immutable;
using Akka.Persistence.Journal;
using KuaSheng.Actors.Cases;

namespace KuaSheng.Actors.ReadModel;

/// <summary>Tags every event of the case journal with <see cref="Tag"/>, so the read-model projections can follow all
/// cases through one <c>EventsByTag</c> query (tags go to the journal's tag table). One tag only: filtering by item or
/// unit belongs to the read model, not to the journal.</summary>
public sealed class CaseTagger : IWriteEventAdapter
{
    public const string Tag = "case";
    private static readonly IImmutableSet<string> Tags = ImmutableHashSet.Create(Tag);

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => evt is CaseJournalEvent ? new Tagged(evt, Tags) : evt;
}
