namespace KuaSheng.Domain.Tickets;

/// <summary>A ticket (咨询投诉建议) as its events left it. <paramref name="Version"/> counts the events applied.</summary>
public sealed record TicketState(
    string TicketId,
    TicketKind Kind,
    string? CaseId,
    string UnitId,
    string Text,
    string Contact,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    DateOnly ReplyDue,
    bool DueProvisional,
    TicketStatus Status,
    IReadOnlyList<TicketReplyEntry> Replies,
    DateTimeOffset? ClosedAt,
    string? CloseNote,
    long Version)
{
    /// <summary>The first reply, which meets (or misses) the reply deadline.</summary>
    public TicketReplyEntry? FirstReply => Replies.Count > 0 ? Replies[0] : null;

    public static TicketState Start(TicketOpened e) =>
        new(e.TicketId, e.Kind, e.CaseId, e.UnitId, e.Text, e.Contact, e.OpenedAt, e.By, e.ReplyDue, e.DueProvisional,
            TicketStatus.Open, [], null, null, 1);

    public TicketState Apply(TicketEvent e) => e switch
    {
        TicketReplied r => this with
        {
            Replies = [.. Replies, new TicketReplyEntry(r.Text, r.At, r.By, r.UnitId, r.OnTime)],
            Status = TicketStatus.Answered,
            Version = Version + 1,
        },
        TicketClosed c => this with { Status = TicketStatus.Closed, ClosedAt = c.At, CloseNote = c.Note, Version = Version + 1 },
        _ => this,
    };
}
