using System.Collections.Immutable;
using Akka.Persistence.Journal;
using KuaSheng.Actors.Tickets;

namespace KuaSheng.Actors.ReadModel;

/// <summary>Tags the journal's ticket events <see cref="TicketTag"/> for the ticket projection (tags go to the journal's
/// tag table). Case events are no longer tagged: the case projection reads them by persistence id
/// (<see cref="JournalStream.Entities"/>), so a command's events are one multi-row insert instead of a row-by-row insert
/// plus a tag row each; journals written before still hold case events tagged <see cref="CaseTag"/>.</summary>
public sealed class ReadModelTagger : IWriteEventAdapter
{
    public const string CaseTag = "case";
    public const string TicketTag = "ticket";

    /// <summary>The journal types the adapter is bound to.</summary>
    public static readonly Type[] TaggedTypes =
        [typeof(TicketOpenedEntry), typeof(TicketRepliedEntry), typeof(TicketClosedEntry)];

    private static readonly IImmutableSet<string> TicketTags = ImmutableHashSet.Create(TicketTag);

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => evt switch
    {
        TicketOpenedEntry or TicketRepliedEntry or TicketClosedEntry => new Tagged(evt, TicketTags),
        _ => evt,
    };
}
