using Akka.Pattern;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Metrics;
using KuaSheng.Actors.Tickets;
using KuaSheng.Actors.Waybills;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Tests.Metrics;

/// <summary>How the entities' answers read as the <c>result</c> and <c>code</c> of <c>kuasheng_commands_total</c>, and
/// failed writes as the <c>reason</c> of <c>kuasheng_persist_failures_total</c>.</summary>
public sealed class CommandResultTests
{
    public static TheoryData<object, string, string?> Answers => new()
    {
        { new CaseReply("c", null, null), CommandResult.Accepted, null },
        { new CaseReply("c", null, null, Duplicate: true), CommandResult.Duplicate, null },
        { new CaseReply("c", null, Refusal.NotFound("Case c")), CommandResult.Rejected, RefusalCodes.NotFound },
        { new CaseReply("c", null, Refusal.Conflict("taken")), CommandResult.Rejected, RefusalCodes.Conflict },
        { new CaseUnavailable("c", "locked"), CommandResult.Unavailable, null },
        { new TicketAnswer("t", null, null), CommandResult.Accepted, null },
        { new TicketAnswer("t", null, null, Duplicate: true), CommandResult.Duplicate, null },
        { new TicketAnswer("t", null, Refusal.Forbidden("no")), CommandResult.Rejected, RefusalCodes.Forbidden },
        { new TicketUnavailable("t", "locked"), CommandResult.Unavailable, null },
        { new WaybillReserved("w", "c", "m"), CommandResult.Accepted, null },
        { new WaybillTaken("w"), CommandResult.Rejected, RefusalCodes.Conflict },
        { new TrackingAccepted("w", "c", Duplicate: false), CommandResult.Accepted, null },
        { new TrackingAccepted("w", "c", Duplicate: true), CommandResult.Duplicate, null },
        { new WaybillUnknown("w"), CommandResult.Rejected, RefusalCodes.NotFound },
        { "something new", CommandResult.Other, null },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void An_answer_reads_as_its_result_and_code(object reply, string result, string? code) =>
        Assert.Equal((result, code), CommandResult.Of(reply));

    [Fact]
    public void A_failed_write_reads_as_circuit_open_timeout_or_error()
    {
        Assert.Equal(EntityMetrics.CircuitOpen, EntityMetrics.FailureReason(new OpenCircuitException("open")));
        Assert.Equal(EntityMetrics.CircuitOpen, EntityMetrics.FailureReason(new AggregateException(new OpenCircuitException("open"))));
        Assert.Equal(EntityMetrics.Timeout, EntityMetrics.FailureReason(new TimeoutException()));
        Assert.Equal(EntityMetrics.Error, EntityMetrics.FailureReason(new InvalidOperationException("database is locked")));
    }
}
