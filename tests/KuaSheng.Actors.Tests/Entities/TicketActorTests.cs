using Akka.Actor;
using Akka.TestKit;
using KuaSheng.Actors.Tickets;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Tickets;

namespace KuaSheng.Actors.Tests.Entities;

public class TicketActorTests : EntityTestKit
{
    private readonly TestProbe _index;

    public TicketActorTests() => _index = CreateTestProbe();

    private TicketActorSettings Settings => new(Clock, () => ReferenceData.Embedded.Calendar, TimeLimits.Default,
        PassivateAfter: TimeSpan.FromMinutes(5), RedeliveryInterval: TimeSpan.FromMilliseconds(300));

    private IActorRef Ticket(string id) =>
        Sys.ActorOf(Props.Create(() => new TicketActor(id, Settings, _index.Ref)), $"ticket-{id}-{Guid.NewGuid():N}");

    private static OpenTicket Open(string id) =>
        new(id, TicketKind.Complaint, "c1", "qj-justice", "材料寄出两周仍未受理", "13800138000", Clerk);

    private TicketAnswer Ask(IActorRef actor, object message)
    {
        actor.Tell(message, TestActor);
        return ExpectMsg<TicketAnswer>();
    }

    [Fact]
    public void A_repeated_command_id_is_answered_again_and_not_applied_twice()
    {
        var actor = Ticket("t1");
        var opened = Ask(actor, new OpenTicketRequest("t1", "k1", Open("t1")));
        Assert.Null(opened.Refusal);
        // Mon 2 Mar 2026 + 5 working days.
        Assert.Equal(new DateOnly(2026, 3, 9), opened.State!.ReplyDue);

        var reply = new ReplyTicketRequest("t1", "k2", new ReplyToTicket("已受理", Officer("qj-justice")));
        Assert.Single(Ask(actor, reply).State!.Replies);
        var again = Ask(actor, reply);
        Assert.True(again.Duplicate);
        Assert.Single(again.State!.Replies);

        var refused = Ask(actor, new ReplyTicketRequest("t1", "k3", new ReplyToTicket("不是我们的", Officer("qj-tax"))));
        Assert.Equal(RefusalCodes.Forbidden, refused.Refusal!.Code);
        Assert.Equal(2, Ask(actor, new GetTicket("t1")).State!.Version); // a refusal changed nothing
    }

    [Fact]
    public void The_unit_index_is_told_until_it_acknowledges_and_the_state_survives_a_restart()
    {
        var first = Ticket("t2");
        Ask(first, new OpenTicketRequest("t2", "k1", Open("t2")));
        var told = _index.ExpectMsg<IndexTicket>();
        Assert.Equal("qj-justice", told.UnitId);
        Assert.Equal(TicketStatus.Open, told.Summary.Status);
        Assert.Equal(told, _index.ExpectMsg<IndexTicket>(TimeSpan.FromSeconds(2))); // not acknowledged: sent again
        first.Tell(new TicketIndexed("qj-justice", "t2", 1));
        _index.ExpectNoMsg(TimeSpan.FromMilliseconds(700));

        Ask(first, new ReplyTicketRequest("t2", "k2", new ReplyToTicket("已受理", Officer("qj-justice"))));
        Assert.Equal(TicketStatus.Answered, _index.ExpectMsg<IndexTicket>().Summary.Status);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        // Recovered from the journal: same state, the command ids still known, and the index told again.
        var second = Sys.ActorOf(Props.Create(() => new TicketActor("t2", Settings, _index.Ref)), "ticket-t2-again");
        var state = Ask(second, new GetTicket("t2")).State!;
        Assert.Equal(TicketStatus.Answered, state.Status);
        Assert.True(Ask(second, new ReplyTicketRequest("t2", "k2", new ReplyToTicket("已受理", Officer("qj-justice")))).Duplicate);
        _index.FishForMessage(m => m is IndexTicket { Summary.Version: 2 }, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void An_unknown_ticket_is_not_found()
    {
        var actor = Ticket("t3");
        Assert.Equal(RefusalCodes.NotFound, Ask(actor, new GetTicket("t3")).Refusal!.Code);
        Assert.Equal(RefusalCodes.NotFound,
            Ask(actor, new ReplyTicketRequest("t3", "k1", new ReplyToTicket("x", Officer("qj-justice")))).Refusal!.Code);
    }

    [Fact]
    public void The_index_keeps_the_latest_summary_of_each_ticket_and_filters_by_status()
    {
        var index = Sys.ActorOf(Props.Create(() => new TicketIndexActor("qj-justice", 2, TimeSpan.FromMinutes(5))), "ticket-index-qj-justice");
        var at = Clock.Now;
        var open = new TicketSummary("a", TicketKind.Consultation, null, TicketStatus.Open, at, new DateOnly(2026, 3, 9), null, 1);
        index.Tell(new IndexTicket("qj-justice", open), TestActor);
        ExpectMsg<TicketIndexed>(a => a.Version == 1);
        index.Tell(new IndexTicket("qj-justice", open with { Status = TicketStatus.Answered, Version = 2 }), TestActor);
        ExpectMsg<TicketIndexed>(a => a.Version == 2);
        index.Tell(new IndexTicket("qj-justice", open), TestActor); // a late redelivery of an older version
        ExpectMsg<TicketIndexed>(a => a.Version == 2);
        index.Tell(new IndexTicket("qj-justice", open with { TicketId = "b", OpenedAt = at.AddHours(1) }), TestActor);
        ExpectMsg<TicketIndexed>();

        index.Tell(new GetUnitTickets("qj-justice", null), TestActor);
        Assert.Equal(["b", "a"], ExpectMsg<UnitTickets>().Tickets.Select(t => t.TicketId));
        index.Tell(new GetUnitTickets("qj-justice", TicketStatus.Answered), TestActor);
        Assert.Equal("a", Assert.Single(ExpectMsg<UnitTickets>().Tickets).TicketId);

        Watch(index);
        Sys.Stop(index);
        ExpectTerminated(index);
        var recovered = Sys.ActorOf(Props.Create(() => new TicketIndexActor("qj-justice", 2, TimeSpan.FromMinutes(5))), "ticket-index-qj-justice-2");
        recovered.Tell(new GetUnitTickets("qj-justice", TicketStatus.Open), TestActor);
        Assert.Equal("b", Assert.Single(ExpectMsg<UnitTickets>().Tickets).TicketId);
    }
}
