using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>咨询投诉建议 over HTTP, on a node of its own (one test moves the dev clock).</summary>
public sealed class TicketTests(ApiNode node) : IClassFixture<ApiNode>
{
    private const string Tickets = "/api/v1/tickets";

    private static object Ticket(string kind = "complaint", string? caseId = null, string? unitId = "qj-justice",
        string text = "材料寄出两周仍未受理，请尽快处理。", string contact = "138 0013 8000") =>
        new { kind, caseId, unitId, text, contact };

    [Fact]
    public async Task Open_reply_get_and_list()
    {
        using var window = node.Client("window", "qj-window");
        using var officer = node.Client("officer", "qj-justice");
        var opened = await window.Post(Tickets, Ticket(), Guid.NewGuid().ToString());
        Expect(opened, HttpStatusCode.Created);
        var id = opened.Text("ticketId");
        Assert.Equal("complaint", opened.Text("kind"));
        Assert.Equal("open", opened.Text("status"));
        Assert.Equal("13800138000", opened.Text("contact")); // the opener sees what it sent
        Assert.EndsWith($"/tickets/{id}", opened.Raw.Headers.Location!.ToString());

        var replied = await officer.Post($"{Tickets}/{id}/reply", new { text = "已核实，今日受理。" });
        Expect(replied, HttpStatusCode.OK);
        Assert.Equal("answered", replied.Text("status"));
        Assert.Equal("true", replied.Text("replies.0.onTime"));

        var read = await officer.Get($"{Tickets}/{id}");
        Expect(read, HttpStatusCode.OK);
        Assert.Equal("已核实，今日受理。", read.Text("replies.0.text"));
        Assert.Equal("13800138000", read.Text("contact"));

        // Someone else may read it (the opener, an operator) only with the contact masked.
        using var ops = node.Client("operator");
        var masked = await ops.Get($"{Tickets}/{id}");
        Expect(masked, HttpStatusCode.OK);
        Assert.Equal("138****8000", masked.Text("contact"));

        // The unit's list, from its ticket index (kept by the tickets, so eventually).
        var list = await ModeFlowTests.Eventually(() => officer.Get($"{Tickets}?status=answered"),
            r => r.Body!["tickets"]!.AsArray().Any(t => t!["ticketId"]!.GetValue<string>() == id));
        Assert.Contains(list.Body!["tickets"]!.AsArray(), t => t!["ticketId"]!.GetValue<string>() == id);
        var open = await officer.Get($"{Tickets}?unitId=qj-justice&status=open");
        Expect(open, HttpStatusCode.OK);
        Assert.DoesNotContain(open.Body!["tickets"]!.AsArray(), t => t!["ticketId"]!.GetValue<string>() == id);
        using var supervisor = node.Client("supervisor");
        Expect(await supervisor.Get($"{Tickets}?unitId=qj-justice"), HttpStatusCode.OK);
        Expect(await window.Get($"{Tickets}?unitId=qj-justice"), HttpStatusCode.Forbidden);
        Expect(await officer.Get($"{Tickets}?status=pending"), HttpStatusCode.BadRequest);

        // Closing, then no more replies.
        Expect(await officer.Post($"{Tickets}/{id}/close", new { note = "已解决" }), HttpStatusCode.OK);
        var late = await officer.Post($"{Tickets}/{id}/reply", new { text = "再补充" });
        Expect(late, HttpStatusCode.Conflict);
        Assert.Equal("illegal-transition", late.Code);
    }

    [Fact]
    public async Task A_retried_open_with_the_same_idempotency_key_is_the_same_ticket()
    {
        using var integration = node.Client("integration", null, "qj-justice", "qj-hrss");
        var key = Guid.NewGuid().ToString();
        var first = await integration.Post(Tickets, Ticket(kind: "consultation"), key);
        var again = await integration.Post(Tickets, Ticket(kind: "consultation"), key);
        Expect(first, HttpStatusCode.Created);
        Assert.Equal(first.Text("ticketId"), again.Text("ticketId"));
    }

    [Fact]
    public async Task Another_unit_may_not_reply_or_read()
    {
        using var window = node.Client("window", "qj-window");
        var id = (await window.Post(Tickets, Ticket(kind: "suggestion"), Guid.NewGuid().ToString())).Text("ticketId");
        using var other = node.Client("officer", "qj-hrss");
        var reply = await other.Post($"{Tickets}/{id}/reply", new { text = "不是我们的事" });
        Expect(reply, HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", reply.Code);
        Expect(await other.Get($"{Tickets}/{id}"), HttpStatusCode.Forbidden);
        // The window that opened it is not the unit either: it may read (masked) but not reply.
        Expect(await window.Post($"{Tickets}/{id}/reply", new { text = "x" }), HttpStatusCode.Forbidden);
        using var supervisor = node.Client("supervisor");
        Expect(await supervisor.Post($"{Tickets}/{id}/reply", new { text = "区政务服务办已督办。" }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field()
    {
        using var window = node.Client("window", "qj-window");
        var badKind = await window.Post(Tickets, Ticket(kind: "praise"));
        Expect(badKind, HttpStatusCode.BadRequest);
        Assert.Equal("validation-failed", badKind.Code);

        var noKind = await window.Post(Tickets, new { unitId = "qj-justice", text = "x", contact = "13800138000" });
        Expect(noKind, HttpStatusCode.BadRequest);
        Assert.NotNull(noKind.Navigate("errors.kind"));

        foreach (var text in new[] { "", "   ", new string('问', 2001) })
        {
            var bad = await window.Post(Tickets, Ticket(text: text));
            Expect(bad, HttpStatusCode.BadRequest);
            Assert.NotNull(bad.Navigate("errors.text"));
        }
        Expect(await window.Post(Tickets, Ticket(text: new string('问', 2000))), HttpStatusCode.Created);

        var badContact = await window.Post(Tickets, Ticket(contact: "12345"));
        Expect(badContact, HttpStatusCode.BadRequest);
        Assert.NotNull(badContact.Navigate("errors.contact"));
        Expect(await window.Post(Tickets, Ticket(unitId: "nowhere")), HttpStatusCode.BadRequest);
        Expect(await window.Post(Tickets, Ticket(unitId: null)), HttpStatusCode.BadRequest);
        Expect(await window.Post(Tickets, Ticket(unitId: null, caseId: "0123456789abcdef")), HttpStatusCode.BadRequest);

        using var anonymous = node.Client();
        Expect(await anonymous.Post(Tickets, Ticket()), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_ticket_is_a_404()
    {
        using var officer = node.Client("officer", "qj-justice");
        Expect(await officer.Get($"{Tickets}/0123456789abcdef"), HttpStatusCode.NotFound);
        Expect(await officer.Get($"{Tickets}/@unit:qj-justice"), HttpStatusCode.NotFound);
        var reply = await officer.Post($"{Tickets}/0123456789abcdef/reply", new { text = "x" });
        Expect(reply, HttpStatusCode.NotFound);
        Assert.Equal("not-found", reply.Code);
    }

    [Fact]
    public async Task A_ticket_about_a_case_goes_to_its_receiving_unit_and_its_deadline_skips_the_national_day()
    {
        using var anyone = node.Client();
        Expect(await anyone.Put("/api/v1/dev/clock", new { now = new DateTimeOffset(2026, 9, 29, 9, 0, 0, TimeSpan.FromHours(8)) }), HttpStatusCode.OK);
        try
        {
            using var window = node.Client("window", "qj-window");
            var created = await window.Post("/api/v1/cases", Application("1-6", QijiangId), Guid.NewGuid().ToString());
            Expect(created, HttpStatusCode.Created);
            var caseId = created.Text("caseId");

            var opened = await window.Post(Tickets, Ticket(kind: "consultation", caseId: caseId, unitId: null, contact: "zhang.wei@example.cn"));
            Expect(opened, HttpStatusCode.Created);
            Assert.Equal("qj-window", opened.Text("unitId"));
            // 5 working days after Tue 29 Sep: 30 Sep, (1-7 Oct off), 8, 9, Sat 10 Oct (调休上班), Mon 12 Oct.
            Assert.Equal("2026-10-12", opened.Text("replyDue"));
            Assert.Equal("false", opened.Text("overdue"));
            var id = opened.Text("ticketId");

            using var ops = node.Client("operator");
            Assert.Equal("z***@example.cn", (await ops.Get($"{Tickets}/{id}")).Text("contact"));

            Expect(await anyone.Put("/api/v1/dev/clock", new { now = new DateTimeOffset(2026, 10, 13, 9, 0, 0, TimeSpan.FromHours(8)) }), HttpStatusCode.OK);
            Assert.Equal("true", (await window.Get($"{Tickets}/{id}")).Text("overdue"));
            var late = await window.Post($"{Tickets}/{id}/reply", new { text = "抱歉答复晚了。" });
            Expect(late, HttpStatusCode.OK);
            Assert.Equal("false", late.Text("replies.0.onTime"));
            Assert.Equal("false", late.Text("overdue"));
        }
        finally
        {
            await anyone.Delete("/api/v1/dev/clock");
        }
    }
}
