using Akka.Actor;
using Akka.TestKit.Xunit2;

namespace KuaSheng.Actors.Tests.Messaging;

/// <summary>An ask whose first message is lost (sent to a node that died) is answered by a re-sent copy.</summary>
public sealed class ResendingAskTests : TestKit
{
    /// <summary>Drops the first <paramref name="lost"/> messages, answers the rest with how many it received.</summary>
    private sealed class Lossy : ReceiveActor
    {
        public Lossy(int lost)
        {
            var received = 0;
            ReceiveAny(_ =>
            {
                if (++received > lost) Sender.Tell(received);
            });
        }
    }

    [Fact]
    public async Task A_lost_message_is_sent_again_and_answered()
    {
        var target = Sys.ActorOf(Props.Create(() => new Lossy(2)));
        var answer = await target.AskResending<int>("step", TimeSpan.FromSeconds(10), CancellationToken.None, TimeSpan.FromMilliseconds(100));
        Assert.Equal(3, answer);
    }

    [Fact]
    public async Task An_answer_stops_the_resending()
    {
        var probe = CreateTestProbe();
        var answer = probe.Ref.AskResending<string>("step", TimeSpan.FromSeconds(10), CancellationToken.None, TimeSpan.FromMilliseconds(200));
        probe.ExpectMsg("step");
        probe.Reply("done");
        Assert.Equal("done", await answer);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(600));
    }

    [Fact]
    public async Task Without_any_answer_it_times_out()
    {
        var target = Sys.ActorOf(Props.Create(() => new Lossy(int.MaxValue)));
        await Assert.ThrowsAsync<AskTimeoutException>(() =>
            target.AskResending<int>("step", TimeSpan.FromMilliseconds(700), CancellationToken.None, TimeSpan.FromMilliseconds(100)));
    }
}
