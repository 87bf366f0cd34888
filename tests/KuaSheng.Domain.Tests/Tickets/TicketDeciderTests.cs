using CsCheck;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Tickets;

namespace KuaSheng.Domain.Tests.Tickets;

public class TicketDeciderTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    // Tue 29 Sep 2026: 国庆 and 中秋 follow (1-7 Oct off, Sat 10 Oct is a working day).
    private static readonly DateTimeOffset BeforeNationalDay = new(2026, 9, 29, 9, 0, 0, Beijing);

    private static readonly CommandActor Applicant = new("window", "clerk", "qj-window");
    private static readonly CommandActor UnitOfficer = new("officer", "li", "qj-justice");
    private static readonly CommandActor OtherOfficer = new("officer", "wang", "qj-tax");
    private static readonly CommandActor Supervisor = new("supervisor", "boss", null);

    private static CaseContext At(DateTimeOffset now) => new(now, TestCalendar.Official, TimeLimits.Default);

    private static OpenTicket Open(string text = "办理进度如何？", string contact = "138 0013 8000", string unit = "qj-justice",
        TicketKind kind = TicketKind.Consultation) => new("t1", kind, "c1", unit, text, contact, Applicant);

    private static TicketState Opened(DateTimeOffset? at = null) => TicketDecider.Decide(null, Open(), At(at ?? BeforeNationalDay)).State!;

    [Fact]
    public void Opening_sets_the_reply_deadline_five_working_days_out_across_the_national_day()
    {
        var d = TicketDecider.Decide(null, Open(), At(BeforeNationalDay));
        Assert.Null(d.Refusal);
        var s = d.State!;
        Assert.Equal(TicketStatus.Open, s.Status);
        // 30 Sep, (1-7 Oct off), 8, 9, Sat 10 (调休), Mon 12 Oct.
        Assert.Equal(new DateOnly(2026, 10, 12), s.ReplyDue);
        Assert.Equal("13800138000", s.Contact);
        Assert.Equal("qj-justice", s.UnitId);
        Assert.Equal("c1", s.CaseId);
    }

    [Fact]
    public void The_unit_replies_and_the_first_reply_meets_the_deadline()
    {
        var s = Opened();
        var first = TicketDecider.Decide(s, new ReplyToTicket("已在审核中。", UnitOfficer), At(BeforeNationalDay.AddDays(1)));
        Assert.Null(first.Refusal);
        Assert.Equal(TicketStatus.Answered, first.State!.Status);
        Assert.True(first.State.FirstReply!.OnTime);

        // A later reply is added; the deadline stays met by the first.
        var second = TicketDecider.Decide(first.State, new ReplyToTicket("补充：预计下周办结。", Supervisor), At(BeforeNationalDay.AddDays(30)));
        Assert.Equal(2, second.State!.Replies.Count);
        Assert.True(second.State.Replies[1].OnTime);
    }

    [Fact]
    public void A_late_first_reply_is_recorded_as_late()
    {
        var late = TicketDecider.Decide(Opened(), new ReplyToTicket("抱歉回复晚了。", UnitOfficer), At(new DateTimeOffset(2026, 10, 13, 9, 0, 0, Beijing)));
        Assert.False(late.State!.FirstReply!.OnTime);
    }

    [Fact]
    public void Another_unit_may_not_reply()
    {
        var d = TicketDecider.Decide(Opened(), new ReplyToTicket("不是我们的", OtherOfficer), At(BeforeNationalDay));
        Assert.Equal(RefusalCodes.Forbidden, d.Refusal!.Code);
        Assert.Equal(RefusalCodes.Forbidden,
            TicketDecider.Decide(Opened(), new ReplyToTicket("x", new CommandActor("operator", "ops", null)), At(BeforeNationalDay)).Refusal!.Code);
    }

    [Fact]
    public void Closing_needs_a_reply_and_a_closed_ticket_takes_no_more()
    {
        var s = Opened();
        Assert.Equal(RefusalCodes.IllegalTransition, TicketDecider.Decide(s, new CloseTicket(null, UnitOfficer), At(BeforeNationalDay)).Refusal!.Code);
        var answered = TicketDecider.Decide(s, new ReplyToTicket("答复", UnitOfficer), At(BeforeNationalDay)).State!;
        var closed = TicketDecider.Decide(answered, new CloseTicket("已解决", UnitOfficer), At(BeforeNationalDay)).State!;
        Assert.Equal(TicketStatus.Closed, closed.Status);
        Assert.Equal(RefusalCodes.IllegalTransition,
            TicketDecider.Decide(closed, new ReplyToTicket("再答复", UnitOfficer), At(BeforeNationalDay)).Refusal!.Code);
        var again = TicketDecider.Decide(closed, new CloseTicket(null, UnitOfficer), At(BeforeNationalDay));
        Assert.Null(again.Refusal);
        Assert.Null(again.Event);
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData("   ", "text")]
    public void Empty_text_is_refused(string text, string field)
    {
        var d = TicketDecider.Decide(null, Open(text: text), At(BeforeNationalDay));
        Assert.Equal(RefusalCodes.ValidationFailed, d.Refusal!.Code);
        Assert.Contains(field, d.Refusal.Errors!.Keys);
    }

    [Fact]
    public void Text_of_2000_characters_is_accepted_and_2001_refused()
    {
        Assert.Null(TicketDecider.Decide(null, Open(text: new string('问', 2000)), At(BeforeNationalDay)).Refusal);
        Assert.Equal(RefusalCodes.ValidationFailed, TicketDecider.Decide(null, Open(text: new string('问', 2001)), At(BeforeNationalDay)).Refusal!.Code);
    }

    [Theory]
    [InlineData("+86 139-0013-9000", "13900139000")]
    [InlineData("１３８００１３８０００", "13800138000")]
    [InlineData(" zhang.wei@example.cn ", "zhang.wei@example.cn")]
    public void Contacts_are_normalised(string raw, string expected) =>
        Assert.Equal(expected, TicketDecider.Decide(null, Open(contact: raw), At(BeforeNationalDay)).State!.Contact);

    [Theory]
    [InlineData("")]
    [InlineData("12345")]           // looks like a phone: the mobile rules explain what is wrong
    [InlineData("23800138000")]
    [InlineData("张伟")]
    [InlineData("a@b")]
    [InlineData("@example.cn")]
    [InlineData("a b@example.cn")]
    public void Bad_contacts_are_refused_on_the_contact_field(string raw)
    {
        var d = TicketDecider.Decide(null, Open(contact: raw), At(BeforeNationalDay));
        Assert.Equal(RefusalCodes.ValidationFailed, d.Refusal!.Code);
        Assert.Contains("contact", d.Refusal.Errors!.Keys);
    }

    [Fact]
    public void A_ticket_needs_a_unit_and_opens_once()
    {
        Assert.Contains("unitId", TicketDecider.Decide(null, Open(unit: " "), At(BeforeNationalDay)).Refusal!.Errors!.Keys);
        Assert.Equal(RefusalCodes.Conflict, TicketDecider.Decide(Opened(), Open(), At(BeforeNationalDay)).Refusal!.Code);
        Assert.Equal(RefusalCodes.NotFound,
            TicketDecider.Decide(null, new ReplyToTicket("x", UnitOfficer), At(BeforeNationalDay)).Refusal!.Code);
    }

    // ── Property: any command on any reachable state never throws, and a refusal changes nothing ─────────────

    private static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.String),
        (1, Gen.Const("")),
        (1, Gen.Char.Array[1990, 2010].Select(a => new string(a))),
        (2, Gen.OneOf("13800138000", "+86 138 0013 8000", "a@b.cn", "12345", "@", " ", "１３８００１３８０００")));

    private static readonly Gen<CommandActor> Actor = Gen.OneOf(Applicant, UnitOfficer, OtherOfficer, Supervisor,
        new CommandActor("integration", "ykb", "qj-justice"), new CommandActor("operator", "ops", null));

    private static readonly Gen<TicketCommand> Command = Gen.Frequency(
        (2, Gen.Select(Gen.Enum<TicketKind>(), Text, Text, Actor, (k, t, c, a) => (TicketCommand)new OpenTicket("t1", k, null, "qj-justice", t, c, a))),
        (4, Gen.Select(Text, Actor, (t, a) => (TicketCommand)new ReplyToTicket(t, a))),
        (2, Gen.Select(Text.Null(), Actor, (n, a) => (TicketCommand)new CloseTicket(n, a))));

    private static readonly Gen<DateTimeOffset> When = Gen.Int[0, 60].Select(d => BeforeNationalDay.AddDays(d));

    [Fact]
    public void Property_decisions_never_throw_and_refusals_change_nothing() =>
        Gen.Select(Command.Array[1, 12], When).Sample((commands, now) =>
        {
            TicketState? state = null;
            foreach (var command in commands)
            {
                var before = state;
                var d = TicketDecider.Decide(state, command, At(now));
                if (d.IsRefused)
                {
                    Assert.Null(d.State);
                    Assert.Null(d.Event);
                    Assert.Same(before, state);
                    continue;
                }
                Assert.NotNull(d.State);
                if (d.Event is not null)
                {
                    // The state the decider answers is the one its event folds to.
                    var folded = before is null ? TicketState.Start((TicketOpened)d.Event) : before.Apply(d.Event);
                    Assert.Equal(d.State!.Version, folded.Version);
                    Assert.Equal(d.State.Status, folded.Status);
                    Assert.InRange(d.State.Text.Length, 1, TicketDecider.MaxTextLength);
                }
                state = d.State;
            }
        }, iter: 2000);
}
