using KuaSheng.Actors.Tickets;
using KuaSheng.Api.Auth;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Tickets;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Api.Tickets;

// Request bodies. Enums bind from kebab-case names; anything else is a 400.

public sealed record OpenTicketBody(TicketKind? Kind, string? CaseId, string? UnitId, string? Text, string? Contact);

public sealed record TicketReplyBody(string? Text);

public sealed record CloseTicketBody(string? Note);

// Views.

public sealed record TicketReplyView(string Text, DateTimeOffset At, string By, bool OnTime);

/// <param name="Overdue">No reply yet and the reply deadline has passed (Beijing date).</param>
public sealed record TicketView(
    string TicketId, TicketKind Kind, string? CaseId, string UnitId, TicketStatus Status, string Text, string Contact,
    DateTimeOffset OpenedAt, DateOnly ReplyDue, bool DueProvisional, bool Overdue, IReadOnlyList<TicketReplyView> Replies,
    DateTimeOffset? ClosedAt, string? CloseNote);

public sealed record TicketListItem(
    string TicketId, TicketKind Kind, string? CaseId, TicketStatus Status, DateTimeOffset OpenedAt, DateOnly ReplyDue,
    DateTimeOffset? FirstRepliedAt, bool Overdue);

public sealed record TicketList(string UnitId, TicketStatus? Status, IReadOnlyList<TicketListItem> Tickets);

/// <summary>Who may do what on a ticket, and how it reads for them.</summary>
public static class TicketAccess
{
    /// <summary>The ticket's unit: its officer or window, or an integration acting for it.</summary>
    public static bool IsUnit(Caller c, string unitId) => c.Is(Roles.Officer, Roles.Window, Roles.Integration) && c.ActsFor(unitId);

    /// <summary>Replies and closing: the unit or a supervisor (the domain checks the same).</summary>
    public static bool MayAnswer(Caller c, TicketState s) => IsUnit(c, s.UnitId) || c.Is(Roles.Supervisor);

    /// <summary>Whoever opened the ticket (the window or integration acting for the applicant).</summary>
    public static bool Opened(Caller c, TicketState s) =>
        s.OpenedBy == $"{c.Role}:{c.Subject}" || s.OpenedBy.StartsWith($"{c.Role}:{c.Subject}@", StringComparison.Ordinal);

    /// <summary>Reading: the unit and supervisors in full; the opener and operators with the contact masked.</summary>
    public static bool MayRead(Caller c, TicketState s) => MayAnswer(c, s) || Opened(c, s) || c.Is(Roles.Operator);

    public static bool SeesContact(Caller c, TicketState s) => MayAnswer(c, s);

    public static string MaskContact(string contact)
    {
        var at = contact.IndexOf('@');
        if (at < 0) return PersonalDataMask.Mobile(contact);
        return contact[..Math.Min(1, at)] + new string(PersonalDataMask.MaskCharacter, 3) + contact[at..];
    }
}

public static class TicketViews
{
    public static TicketView From(TicketState s, bool fullContact, DateOnly today) =>
        new(s.TicketId, s.Kind, s.CaseId, s.UnitId, s.Status, s.Text, fullContact ? s.Contact : TicketAccess.MaskContact(s.Contact),
            s.OpenedAt, s.ReplyDue, s.DueProvisional, s.Replies.Count == 0 && s.Status != TicketStatus.Closed && today > s.ReplyDue,
            s.Replies.Select(r => new TicketReplyView(r.Text, r.At, r.By, r.OnTime)).ToList(), s.ClosedAt, s.CloseNote);

    public static TicketListItem From(TicketSummary t, DateOnly today) =>
        new(t.TicketId, t.Kind, t.CaseId, t.Status, t.OpenedAt, t.ReplyDue, t.FirstRepliedAt,
            t.FirstRepliedAt is null && t.Status == TicketStatus.Open && today > t.ReplyDue);
}
