using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets;
using Xunit;

namespace Multiproc.Tests.SharedState;

// Async waits on conditions and barriers with real child processes on the other side (the TestHost program).
public sealed class CrossProcessAsyncTests : ChildProcessTest
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Notify_two_of_four_async_waits_in_two_processes_wakes_exactly_two()
    {
        using ProcessCondition c = new(new ProcessLock());
        using SharedValue<int> woken = new(0, lockFree: true);
        Process<bool>[] children = [Spawn.WaitOnConditionAsync(c, woken), Spawn.WaitOnConditionAsync(c, woken)];
        Task<bool>[] ours = [AsyncWaitTargets.WaitOnConditionAsync(c, woken), AsyncWaitTargets.WaitOnConditionAsync(c, woken)];
        Assert.True(SpinWait.SpinUntil(() => c.WaitingCount == 4, Long), "four async waits begun");

        using (c.Hold())
        {
            c.Notify(2);
        }

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref woken.Ref) == 2, Long));
        Assert.Equal(2, c.WokenCount);
        Assert.Equal(2, c.WaitingCount);

        using (c.Hold())
        {
            c.NotifyAll();
        }

        Assert.All(await Task.WhenAll(ours).WaitAsync(Long), Assert.True);
        foreach (Process<bool> child in children)
        {
            Assert.True(child.GetResult());
            Assert.Equal(0, child.ExitCode);
        }

        Assert.Equal(4, woken.Value);
        Assert.False(((ProcessLock)c.Lock).IsLocked);
        c.Lock.Dispose();
    }

    [Fact]
    public async Task WaitForAsync_returns_when_a_child_makes_the_predicate_true()
    {
        using ProcessLock l = new();
        using ProcessCondition c = new(l);
        using SharedValue<int> value = new(0, lockFree: true);
        Assert.True(await c.AcquireAsync(Long));
        Task<bool> waiting = c.WaitForAsync(() => value.Value >= 3, Long);
        Process child = Spawn.IncrementAndNotify(c, value, 3);
        Assert.True(await waiting.WaitAsync(Long));
        Assert.Equal(Environment.ProcessId, l.OwnerPid);
        Assert.Equal(3, value.Value);
        c.Release();
        Assert.True(child.Join(Long));
        Assert.Equal(0, child.ExitCode);
    }

    [Fact]
    public async Task Async_and_sync_waits_in_three_processes_pass_a_barrier_twice_with_distinct_indices()
    {
        int actions = 0;
        using ProcessBarrier b = new(3, () => Interlocked.Increment(ref actions));
        Process<int[]> syncChild = Spawn.WaitAtBarrierSyncOrAsync(b, 2, false);
        Process<int[]> asyncChild = Spawn.WaitAtBarrierSyncOrAsync(b, 2, true);
        int first = await b.WaitAsync(Long);
        int second = await b.WaitAsync(Long);
        int[] s = syncChild.GetResult(), a = asyncChild.GetResult();
        Assert.Equal([0, 1, 2], new[] { first, s[0], a[0] }.Order());
        Assert.Equal([0, 1, 2], new[] { second, s[1], a[1] }.Order());
        Assert.False(b.IsBroken);

        // The children's handles have no action, so ours ran exactly for the passes where we came last.
        Assert.Equal(new[] { first, second }.Count(i => i == 2), actions);
    }

    [Fact]
    public async Task A_timed_out_async_barrier_wait_breaks_it_for_a_waiting_child()
    {
        using ProcessBarrier b = new(3);
        Process<string> child = Spawn.WaitAtBarrierExpectingBreak(b);
        Assert.True(SpinWait.SpinUntil(() => b.WaitingCount == 1, Long), "the child waits");
        await Assert.ThrowsAsync<BrokenBarrierException>(() => b.WaitAsync(TimeSpan.FromMilliseconds(100)));
        Assert.Equal("broken", child.GetResult());
        Assert.True(b.IsBroken);
    }

    [Fact]
    public async Task Cancelling_an_arrived_async_barrier_wait_breaks_it_for_a_waiting_child()
    {
        using ProcessBarrier b = new(3);
        Process<string> child = Spawn.WaitAtBarrierExpectingBreak(b);
        Assert.True(SpinWait.SpinUntil(() => b.WaitingCount == 1, Long), "the child waits");
        using CancellationTokenSource cts = new();
        Task<int> ours = b.WaitAsync(Long, cts.Token);
        Assert.True(SpinWait.SpinUntil(() => b.WaitingCount == 2, Long), "our wait arrived");
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ours);
        Assert.Equal("broken", child.GetResult());
        b.Reset();
        Assert.False(b.IsBroken);
    }
}
