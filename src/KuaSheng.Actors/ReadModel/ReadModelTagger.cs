using System.Collections.Immutable;
using Akka.Persistence.Journal;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Tickets;

namespace KuaSheng.Actors.ReadModel;

/// <summary>Tags the journal's events for the read-model projections (tags go to the journal's tag table): every case
/// event <see cref="CaseTag"/>, every ticket event <see cref="TicketTag"/>, so each projection follows its entities
/// through one <c>EventsByTag</c> query. One tag per kind: filtering by item or unit belongs to the read model.</summary>
public sealed class ReadModelTagger : IWriteEventAdapter
{
    public const string CaseTag = "case";
    public const string TicketTag = "ticket";

    /// <summary>The journal types the adapter is bound to.</summary>
    public static readonly Type[] TaggedTypes =
        [typeof(CaseJournalEvent), typeof(TicketOpenedEntry), typeof(TicketRepliedEntry), typeof(TicketClosedEntry)];

    private static readonly IImmutableSet<string> CaseTags = ImmutableHashSet.Create(CaseTag);
    private static readonly IImmutableSet<string> TicketTags = ImmutableHashSet.Create(TicketTag);

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => evt switch
    {
        CaseJournalEvent => new Tagged(evt, CaseTags),
        TicketOpenedEntry or TicketRepliedEntry or TicketClosedEntry => new Tagged(evt, TicketTags),
        _ => evt,
    };
}
