using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using Akka.Hosting;
using KuaSheng.Actors;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Tickets;
using KuaSheng.Api.Auth;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Tickets;

namespace KuaSheng.Api.Tickets;

/// <summary>The answer of a ticket to the API: its state, a refusal, or "unavailable".</summary>
public sealed record TicketResult(TicketState? State, Refusal? Refusal, string? Unavailable, bool Duplicate);

/// <summary>Sends commands and queries to tickets and unit ticket indexes through the ticket shard region.</summary>
public sealed class TicketGateway(IRequiredActor<TicketRegion> region)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>A new ticket's id: with an Idempotency-Key derived from the caller and the key (a retried POST reaches
    /// the same ticket, which de-duplicates it), else random. 16 hex digits, like case ids.</summary>
    public static string NewTicketId(Caller caller, string? idempotencyKey)
    {
        if (string.IsNullOrEmpty(idempotencyKey)) return Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"ticket\n{caller.Role}\n{caller.Subject}\n{idempotencyKey}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    /// <summary>Only ids of that shape reach the region (an index's entity id can never be asked as a ticket).</summary>
    public static bool IsTicketId(string id) => id.Length == 16 && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    public Task<TicketResult> Send(string ticketId, string commandId, TicketCommand command, CancellationToken ct) => Ask(command switch
    {
        OpenTicket c => new OpenTicketRequest(ticketId, commandId, c),
        ReplyToTicket c => new ReplyTicketRequest(ticketId, commandId, c),
        CloseTicket c => new CloseTicketRequest(ticketId, commandId, c),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    }, ct);

    public Task<TicketResult> Get(string ticketId, CancellationToken ct) => Ask(new GetTicket(ticketId), ct);

    /// <summary>The unit's tickets from its index; null when the cluster did not answer in time.</summary>
    public async Task<IReadOnlyList<TicketSummary>?> List(string unitId, TicketStatus? status, CancellationToken ct)
    {
        try
        {
            var actor = await region.GetAsync(ct);
            return (await actor.AskResending<UnitTickets>(new GetUnitTickets(unitId, status), Timeout, ct)).Tickets;
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    private async Task<TicketResult> Ask(object message, CancellationToken ct)
    {
        try
        {
            var actor = await region.GetAsync(ct);
            return await actor.AskResending<object>(message, Timeout, ct) switch
            {
                TicketAnswer a => new TicketResult(a.State, a.Refusal, null, a.Duplicate),
                TicketUnavailable u => new TicketResult(null, null, u.Reason, false),
                var other => new TicketResult(null, null, $"Unexpected answer {other.GetType().Name}.", false),
            };
        }
        catch (AskTimeoutException)
        {
            return new TicketResult(null, null, "The ticket did not answer in time; the cluster or its database may be busy. Try again.", false);
        }
    }
}
