using Multiproc.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Tests.SharedState;

// The "async waits that do not block a thread-pool thread per waiter": fifty pending async waits on
// each primitive must not cost fifty threads each. A thread per waiter would also stall here: the pool adds
// threads slowly, so the waits would not all begin within the bound. In the non-parallel collection, so no
// other test's threads come and go while this one counts.
[Collection(ChildProcessCollection.Name)]
public class AsyncWaitThreadTests
{
    private const int Waiters = 50;
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    private static int ThreadCount() => Directory.GetDirectories("/proc/self/task").Length;

    private static async Task<bool> WaitOnce(ProcessCondition c)
    {
        await c.AcquireAsync(Long);
        try
        {
            return await c.WaitAsync(Long);
        }
        finally
        {
            c.Release();
        }
    }

    [Fact]
    public async Task Fifty_pending_async_waits_on_each_primitive_use_a_thread_per_primitive_not_per_waiter()
    {
        using ProcessLock l = new();
        using ProcessSemaphore sem = new(0);
        using ProcessEvent e = new();
        using ProcessCondition c = new(new ProcessLock());
        using ProcessBarrier b = new(Waiters + 1);
        l.Acquire();
        int before = ThreadCount();

        List<Task<bool>> lockWaits = [], others = [];
        for (int i = 0; i < Waiters; i++)
        {
            lockWaits.Add(l.AcquireAsync(Long));
            others.Add(sem.AcquireAsync(Long));
            others.Add(e.WaitAsync(Long));
            others.Add(WaitOnce(c));
        }

        Task<int>[] barrierWaits = [.. Enumerable.Range(0, Waiters).Select(_ => b.WaitAsync(Long))];
        Assert.True(SpinWait.SpinUntil(() => c.WaitingCount == Waiters && b.WaitingCount == Waiters, Long), "every wait began");
        int during = ThreadCount();
        Assert.True(during - before <= 16, $"{during - before} threads were added for {5 * Waiters} pending async waits");
        Assert.DoesNotContain(lockWaits.Concat(others), t => t.IsCompleted);

        // Now let everyone through: the last barrier party, the event, the units, a notify-all, and the lock
        // handed on once per waiter (any thread of the process may release a ProcessLock).
        int[] indices = [.. await Task.WhenAll(barrierWaits.Append(b.WaitAsync(Long))).WaitAsync(Long)];
        Assert.Equal(Enumerable.Range(0, Waiters + 1), indices.Order());
        e.Set();
        sem.Release(Waiters);
        using (c.Hold())
        {
            c.NotifyAll();
        }

        Assert.All(await Task.WhenAll(others).WaitAsync(Long), Assert.True);
        for (int i = 1; i <= Waiters; i++)
        {
            l.Release();
            Assert.True(SpinWait.SpinUntil(() => lockWaits.Count(t => t.IsCompleted) == i, Long), "one lock waiter per release");
        }

        Assert.All(await Task.WhenAll(lockWaits), Assert.True);
        l.Release();
    }
}
