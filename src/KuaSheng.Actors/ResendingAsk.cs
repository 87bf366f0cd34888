using Akka.Actor;

namespace KuaSheng.Actors;

/// <summary>An ask that sends its message again, with the same reply address, until the first answer or the timeout.
/// For messages the receiver de-duplicates (commands with a command id, reads): when a node is killed, a shard region
/// still sends to the dead node until the cluster removes it, and those messages are lost; a single ask would then wait
/// its whole timeout (15 s) although the entity answers elsewhere a few seconds after the removal. Re-sent messages
/// reach it as soon as its shard has a new home. The first answer wins; later answers to the same address are dropped.</summary>
public static class ResendingAsk
{
    /// <summary>How long an answer is awaited before the message is sent again.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(1);

    /// <exception cref="AskTimeoutException">No answer within <paramref name="timeout"/>.</exception>
    public static async Task<T> AskResending<T>(this IActorRef target, object message, TimeSpan timeout, CancellationToken ct,
        TimeSpan? resendAfter = null)
    {
        IActorRef? replyTo = null;
        var answer = target.Ask<T>(reply => { replyTo = reply; return message; }, timeout, ct);
        var interval = resendAfter ?? ResendAfter;
        // Cancelled once answered, so that the pending resend timer goes at once instead of lingering for its interval.
        using var answered = CancellationTokenSource.CreateLinkedTokenSource(ct);
        while (!answer.IsCompleted)
        {
            var resend = Task.Delay(interval, answered.Token);
            if (await Task.WhenAny(answer, resend) == answer) break;
            if (resend.IsCanceled) break; // the caller gave up: the ask ends with the same cancellation
            target.Tell(message, replyTo);
        }
        await answered.CancelAsync();
        return await answer;
    }
}
