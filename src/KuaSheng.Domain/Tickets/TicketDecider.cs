using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Domain.Tickets;

/// <summary>
/// The ticket rules: a command and the current state give one event or a refusal, never an exception. A ticket is
/// routed to one unit; its reply deadline is <c>TimeLimits.TicketReply</c> working days after the day it was opened
/// (Beijing date, official calendar). Replies are a list: the first one meets the deadline, later ones add to the
/// answer until the ticket is closed. Only the unit (its officer, window or an integration acting for it) or a
/// supervisor replies or closes.
/// </summary>
public static class TicketDecider
{
    public const int MaxTextLength = 2000;
    public const int MaxContactLength = 254;
    public const int MaxNoteLength = 2000;

    private static readonly string[] UnitRoles = ["officer", "window", "integration"];
    private const string SupervisorRole = "supervisor";

    public static TicketDecision Decide(TicketState? state, TicketCommand command, CaseContext context)
    {
        if (state is null)
            return command is OpenTicket open ? Open(open, context) : TicketDecision.Refused(Refusal.NotFound("The ticket"));
        return command switch
        {
            OpenTicket => TicketDecision.Refused(Refusal.Conflict($"Ticket {state.TicketId} has already been opened.")),
            ReplyToTicket c => Reply(state, c, context),
            CloseTicket c => Close(state, c, context),
            _ => TicketDecision.Refused(Refusal.Invalid("command", $"Unknown command {command.GetType().Name}.")),
        };
    }

    /// <summary>Whether <paramref name="by"/> may answer for the ticket's unit.</summary>
    public static bool MayAnswer(CommandActor by, TicketState state) =>
        by.Role == SupervisorRole || (UnitRoles.Contains(by.Role) && by.UnitId == state.UnitId);

    private static TicketDecision Open(OpenTicket c, CaseContext context)
    {
        if (string.IsNullOrWhiteSpace(c.TicketId)) return TicketDecision.Refused(Refusal.Invalid("ticketId", "A ticket needs an id."));
        if (!Enum.IsDefined(c.Kind))
            return TicketDecision.Refused(Refusal.Invalid("kind", "Kind must be consultation, complaint or suggestion (咨询、投诉或建议)."));
        if (string.IsNullOrWhiteSpace(c.UnitId))
            return TicketDecision.Refused(Refusal.Invalid("unitId", "A ticket is routed to a unit: give unitId or a caseId (请指定受理单位或办件)."));
        if (CheckText(c.Text, "text") is { } badText) return TicketDecision.Refused(badText);
        var (contact, badContact) = NormaliseContact(c.Contact);
        if (badContact is not null) return TicketDecision.Refused(badContact);

        var due = context.Calendar.AddWorkingDays(context.Today, context.Limits.TicketReply);
        var opened = new TicketOpened(c.TicketId, c.Kind, string.IsNullOrWhiteSpace(c.CaseId) ? null : c.CaseId.Trim(), c.UnitId.Trim(),
            c.Text.Trim(), contact!, context.Now, due.Due, due.Provisional, c.By.ToString());
        return new TicketDecision(opened, TicketState.Start(opened), null);
    }

    private static TicketDecision Reply(TicketState s, ReplyToTicket c, CaseContext context)
    {
        if (!MayAnswer(c.By, s))
            return TicketDecision.Refused(Refusal.Forbidden($"Only unit {s.UnitId} or a supervisor replies to ticket {s.TicketId}."));
        if (s.Status == TicketStatus.Closed)
            return TicketDecision.Refused(new Refusal(RefusalCodes.IllegalTransition, $"Ticket {s.TicketId} is closed: it takes no more replies."));
        if (CheckText(c.Text, "text") is { } bad) return TicketDecision.Refused(bad);
        var onTime = s.FirstReply?.OnTime ?? context.Today <= s.ReplyDue;
        var replied = new TicketReplied(c.Text.Trim(), context.Now, c.By.ToString(), c.By.UnitId, onTime);
        return new TicketDecision(replied, s.Apply(replied), null);
    }

    private static TicketDecision Close(TicketState s, CloseTicket c, CaseContext context)
    {
        if (!MayAnswer(c.By, s))
            return TicketDecision.Refused(Refusal.Forbidden($"Only unit {s.UnitId} or a supervisor closes ticket {s.TicketId}."));
        if (s.Status == TicketStatus.Closed) return new TicketDecision(null, s, null); // already so
        // Closing an unanswered ticket would let it escape its reply deadline.
        if (s.Status != TicketStatus.Answered)
            return TicketDecision.Refused(new Refusal(RefusalCodes.IllegalTransition, $"Ticket {s.TicketId} has no reply yet: reply before closing it."));
        if (c.Note is { Length: > MaxNoteLength })
            return TicketDecision.Refused(Refusal.Invalid("note", $"The note is too long: at most {MaxNoteLength} characters."));
        var closed = new TicketClosed(string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim(), context.Now, c.By.ToString());
        return new TicketDecision(closed, s.Apply(closed), null);
    }

    private static Refusal? CheckText(string? text, string field)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) return Refusal.Invalid(field, "The text is required (内容不能为空).");
        if (trimmed.Length > MaxTextLength)
            return Refusal.Invalid(field, $"The text is too long: {trimmed.Length} characters, at most {MaxTextLength} (内容过长：最多{MaxTextLength}个字符).");
        return null;
    }

    /// <summary>A mobile number (validated by <see cref="MobileNumber"/> when it looks like one: digits, spaces,
    /// dashes, a leading +) or an e-mail-ish address (one @, something on both sides, a dot in the domain, no spaces).</summary>
    public static (string? Contact, Refusal? Refusal) NormaliseContact(string? raw)
    {
        var text = raw?.Trim() ?? "";
        if (text.Length == 0)
            return (null, Refusal.Invalid("contact", "A contact is required: a mobile number or an e-mail address (请填写手机号码或电子邮箱)."));
        if (text.Length > MaxContactLength)
            return (null, Refusal.Invalid("contact", $"The contact is too long: at most {MaxContactLength} characters."));
        var folded = FoldWidth(text);
        if (folded.All(ch => char.IsAsciiDigit(ch) || ch is ' ' or '-' or '+') && folded.Any(char.IsAsciiDigit))
        {
            var mobile = MobileNumber.Validate(folded);
            return mobile.IsValid ? (mobile.Value, null) : (null, Refusal.Invalid("contact", mobile.Errors[0].Message));
        }
        var at = folded.IndexOf('@');
        var domain = at >= 0 ? folded[(at + 1)..] : "";
        var looksLikeEmail = at > 0 && folded.LastIndexOf('@') == at && !folded.Any(char.IsWhiteSpace)
            && domain.IndexOf('.') > 0 && !domain.EndsWith('.');
        return looksLikeEmail
            ? (folded, null)
            : (null, Refusal.Invalid("contact", "Give a mainland mobile number or an e-mail address (请填写手机号码或电子邮箱)."));
    }

    private static string FoldWidth(string s) =>
        string.Concat(s.Select(c => c switch
        {
            >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
            '\u3000' => ' ',
            _ => c,
        }));
}
