using KuaSheng.Actors.Persistence;

namespace KuaSheng.Actors.Tests.Persistence;

/// <summary>The group commit's queue: what queues during a commit goes into the next one, up to its weight, in order,
/// and what is queued when it is disposed is still committed.</summary>
public sealed class GroupCommitQueueTests
{
    [Fact]
    public async Task Items_queued_during_a_commit_go_together_into_the_next_up_to_the_weight()
    {
        var batches = new List<int[]>();
        var firstCommitStarted = new TaskCompletionSource();
        var releaseFirstCommit = new TaskCompletionSource();
        var queue = new GroupCommitQueue<int>(async batch =>
        {
            batches.Add([.. batch]);
            if (batches.Count == 1)
            {
                firstCommitStarted.SetResult();
                await releaseFirstCommit.Task;
            }
        }, maxWeight: 10, weight: i => i == 99 ? 50 : 1);

        Assert.True(queue.TryQueue(0));
        await firstCommitStarted.Task;
        for (var i = 1; i <= 12; i++) Assert.True(queue.TryQueue(i));
        Assert.True(queue.TryQueue(99));
        Assert.True(queue.TryQueue(13));
        releaseFirstCommit.SetResult();
        await queue.DisposeAsync();

        Assert.False(queue.TryQueue(14));
        Assert.Equal([[0], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [11, 12, 99], [13]], batches);
    }
}
