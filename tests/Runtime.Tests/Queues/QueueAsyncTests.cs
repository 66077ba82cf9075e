using Multiproc.Tests.Infrastructure;

namespace Multiproc.Tests.Queues;

public sealed class QueueAsyncTests : ChildProcessTest
{
    [Fact]
    public async Task GetAsync_CompletesWithAnItemPutLater()
    {
        using var q = new ProcessQueue<int>();
        using ProcessQueue<int> other = QueueHandles.Reattach(q);
        ValueTask<int> pending = q.GetAsync();
        Assert.False(pending.IsCompleted);
        other.Put(7);
        Assert.Equal(7, await pending.AsTask().WaitAsync(Patience));
    }

    [Fact]
    public async Task GetAsync_ReturnsAtOnceWhenAnItemIsThere()
    {
        using var q = new ProcessQueue<int>();
        q.Put(3);
        ValueTask<int> result = q.GetAsync();
        Assert.True(result.IsCompleted);
        Assert.Equal(3, await result);
    }

    [Fact]
    public async Task GetAsync_Cancelled_ThrowsAndLosesNoItem()
    {
        using var q = new ProcessQueue<int>();
        using var cts = new CancellationTokenSource();
        ValueTask<int> pending = q.GetAsync(cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending);
        q.Put(11);
        q.Put(12);
        Assert.Equal(11, await q.GetAsync().AsTask().WaitAsync(Patience));
        Assert.Equal(12, q.Get(Patience));
    }

    [Fact]
    public async Task GetAsync_WithTimeout_ThrowsEmpty()
    {
        using var q = new ProcessQueue<int>();
        await Assert.ThrowsAsync<QueueEmptyException>(async () => await q.GetAsync(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task ManyAsyncWaiters_EachGetOneItem()
    {
        using var q = new ProcessQueue<int>();
        ValueTask<int>[] waiters = Enumerable.Range(0, 50).Select(_ => q.GetAsync()).ToArray();
        for (int i = 0; i < 50; i++)
        {
            q.Put(i);
        }

        int[] results = await Task.WhenAll(waiters.Select(w => w.AsTask())).WaitAsync(Patience);
        Assert.Equal(Enumerable.Range(0, 50), results.Order());
    }

    [Fact]
    public async Task Close_FailsPendingAsyncWaiters()
    {
        var q = new ProcessQueue<int>();
        ValueTask<int> pending = q.GetAsync();
        q.Close();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pending.AsTask().WaitAsync(Patience));
    }
}
